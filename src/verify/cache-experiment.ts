/**
 * The cache experiment: rebuild a scratch copy of the build context after a one-line source change,
 * then after a no-op lockfile change, and write down which steps missed the cache and how many
 * bytes of new layers the final image gained. That is what every deploy of a code change costs:
 * the build time of the missed steps, and the bytes a registry push and every node's pull carry.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { build, type BuildResult, type Engine } from './engine.js';
import type { Resources } from './cleanup.js';
import { scanImage } from './layers.js';
import type { BuildStep, ProgressDisplay } from './progress.js';
import type { VerifyProject } from './project.js';
import { changeFile, scratchCopy } from './scratch.js';

export interface NewLayer {
  index: number;
  size: number;
  createdBy: string;
}

export interface ChangeResult {
  /** What was changed, for example `src/main.ts`. */
  changed: string;
  ok: boolean;
  error?: string;
  steps: BuildStep[];
  /** Steps that install dependencies and missed the cache. */
  rebuiltInstalls: BuildStep[];
  /** Layers of the final image that the build before did not have. */
  newLayers: NewLayer[];
  newLayerBytes: number;
  seconds: number;
  /**
   * Steps the engine re-ran although nothing they read changed (see `engineMisses`): then the
   * misses after them say nothing about the Dockerfile, and nothing is judged.
   */
  engineMisses: BuildStep[];
  /** True when the base image itself changed between the builds (a re-tagged base): then every
   * layer is new for a reason that has nothing to do with the Dockerfile, and nothing is judged. */
  baseChanged: boolean;
}

export interface CacheObservation {
  /** The baseline build (of the user's own context). */
  baseline: BuildResult;
  source?: ChangeResult;
  lockfile?: ChangeResult;
  /** Why a part of the experiment could not run, for example no source file found. */
  skipped: string[];
}

export interface ExperimentSettings {
  engine: Engine;
  resources: Resources;
  project: VerifyProject;
  /** The image built from the user's context, and its layer diff ids. */
  baseline: { tag: string; result: BuildResult; diffIds: string[] };
  target?: string;
  buildArgs?: Record<string, string>;
  labels: Record<string, string>;
  /** Run the lockfile half too (it re-runs the install, the slow part). */
  lockfile: boolean;
  progress: ProgressDisplay;
  tempRoot?: string;
}

/** An install step: a RUN of a package manager's install (not `npm run build`, not `npx`). */
const INSTALL =
  /\b(npm\s+(ci|install|i)\b|pnpm\s+(install|i|fetch|deploy)\b|yarn\s+(install|workspaces\s+focus)\b|yarn(\s+--\S+)*\s*($|&&|;)|bun\s+(install|i)\b)/;

export function isInstallStep(step: BuildStep): boolean {
  return /^RUN\b/.test(step.instruction) && INSTALL.test(step.instruction);
}

/**
 * Steps that missed the cache for the engine's own reasons: a WORKDIR, or a RUN without a bind
 * mount, whose parent step (the one before it in its stage, or the FROM image) was served from the
 * cache. Such a step reads nothing a source or lockfile change touches, so when it re-runs the
 * engine's cache lost its record (a pruned or damaged cache, a re-tagged base), and every step
 * after it re-runs too. A parent that BuildKit printed under another stage's name is not known,
 * and then nothing is claimed.
 */
export function engineMisses(steps: BuildStep[]): BuildStep[] {
  const byPosition = new Map(steps.map((s) => [`${s.stage} ${s.index}`, s]));
  return steps.filter((step) => {
    if (step.cached || step.status !== 'done') return false;
    if (!/^(WORKDIR\b|RUN\b(?!.*type=bind))/.test(step.instruction)) return false;
    const parent = byPosition.get(`${step.stage} ${step.index - 1}`);
    return parent !== undefined && (parent.cached || /^FROM\b/.test(parent.instruction));
  });
}

export async function runCacheExperiment(settings: ExperimentSettings): Promise<CacheObservation> {
  const { project, resources, progress } = settings;
  const observation: CacheObservation = { baseline: settings.baseline.result, skipped: [] };
  const dockerfile = project.dockerfile;
  if (!dockerfile) return observation;

  // Step 1: a scratch copy of the context. The Dockerfile is never changed, so the build reads the
  // user's own (it may even be .dockerignored, as the guide's is).
  const scratch = resources.dir(await scratchCopy(project.root, settings.tempRoot ?? tmpdir()));
  let previous = settings.baseline.diffIds;

  const rebuild = async (changed: string, tagSuffix: string): Promise<ChangeResult> => {
    progress.note(`cache experiment: rebuilding after a change to ${changed}`);
    const tag = resources.image(`${settings.baseline.tag}-${tagSuffix}`);
    const result = await build(settings.engine, {
      context: scratch,
      dockerfile: dockerfile.path,
      tag,
      labels: settings.labels,
      progress,
      ...(settings.target ? { target: settings.target } : {}),
      ...(settings.buildArgs ? { buildArgs: settings.buildArgs } : {}),
    });
    const change: ChangeResult = {
      changed,
      ok: result.ok,
      steps: result.steps,
      rebuiltInstalls: result.steps.filter((s) => isInstallStep(s) && !s.cached),
      newLayers: [],
      newLayerBytes: 0,
      seconds: result.seconds,
      baseChanged: false,
      engineMisses: engineMisses(result.steps),
      ...(result.error ? { error: result.error } : {}),
    };
    if (!result.ok) return change;

    // Layers whose content differs from every layer of the build before are what a push ships.
    const scan = await scanImage(settings.engine, tag, {
      baseLayers: Number.POSITIVE_INFINITY,
      ...(settings.tempRoot ? { tempRoot: settings.tempRoot } : {}),
    });
    change.baseChanged = (scan.layers[0]?.diffId ?? '') !== (previous[0] ?? '');
    const known = new Set(previous);
    change.newLayers = scan.layers
      .filter((layer) => !known.has(layer.diffId))
      .map((layer) => ({ index: layer.index, size: layer.size, createdBy: layer.createdBy }));
    change.newLayerBytes = change.newLayers.reduce((sum, layer) => sum + layer.size, 0);
    previous = scan.layers.map((layer) => layer.diffId);
    return change;
  };

  // Step 2: one line appended to a source file: an unused export, so the app's behaviour is
  // unchanged but its compiled output is not byte-identical (a comment would be, under the
  // `removeComments` the Nest starter's tsconfig sets). Its value is new on every run: a change
  // the engine has built before is served from its cache and would prove nothing.
  const nonce = Date.now() * 1000 + Math.floor(Math.random() * 1000);
  if (project.sourceFile) {
    await changeFile(join(scratch, project.sourceFile), (before) =>
      Buffer.concat([before, Buffer.from(`\nexport const nestshipVerifyCacheProbe = ${nonce};\n`)]),
    );
    observation.source = await rebuild(project.sourceFile, 'source');
  } else {
    observation.skipped.push(`no TypeScript source under ${project.sourceRoot}/ to change`);
  }

  // Step 3: the lockfile gains trailing bytes that mean nothing to its format and differ on every
  // run: same dependencies, different bytes, so every step that copies the lockfile misses the
  // cache, as a real dependency change would.
  if (!settings.lockfile) return observation;
  const lockfile = project.lockfile;
  if (!lockfile || lockfile.endsWith('.lockb')) {
    observation.skipped.push(lockfile ? `${lockfile} is binary; not changed` : 'no lockfile to change');
    return observation;
  }
  await changeFile(join(scratch, lockfile), (before) =>
    Buffer.concat([before, Buffer.from(meaninglessTail(lockfile, nonce))]),
  );
  observation.lockfile = await rebuild(lockfile, 'lockfile');
  return observation;
}

/**
 * Bytes a lockfile's reader ignores, unique to `nonce`: a comment line for the YAML-like formats
 * (pnpm-lock.yaml, yarn.lock); for JSON ones (package-lock.json, bun.lock), which have no comments,
 * trailing whitespace that spells the nonce in spaces and tabs.
 */
export function meaninglessTail(lockfile: string, nonce: number): string {
  if (/\.ya?ml$|yarn\.lock$/.test(lockfile)) return `\n# nestship verify ${nonce}\n`;
  const bits = nonce.toString(2).replace(/0/g, ' ').replace(/1/g, '\t');
  return `\n${bits}\n`;
}
