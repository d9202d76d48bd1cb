/**
 * `nestship verify` as a library: build the project's image on a real engine (or take one), then
 * prove each promise of the checklist on the artefact itself: the cache experiment, the runtime
 * user, PID 1, the entry, the content of every layer, Prisma, start, read-only, SIGTERM, memory and
 * size. Every container, scratch dir and image it makes is removed again, also on failure and Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectProfile } from '../detect/index.js';
import type { Profile } from '../detect/profile.js';
import type { Finding, Location, Pass, Report, RuleMeta } from '../findings.js';
import { runCacheExperiment, type CacheObservation } from './cache-experiment.js';
import { Resources } from './cleanup.js';
import { keepForSecrets } from './content.js';
import { baseImageOf, finalStage, lastInstruction, stageChain } from './dockerfile.js';
import { build, connectEngine, inspectImage, runClient, type Engine } from './engine.js';
import { finalFilesystem, scanImage, type ImageScan } from './layers.js';
import { observeReadOnly, observeRun, type RunSettings } from './observe.js';
import { observePrisma } from './prisma-load.js';
import { bytes, type Probe, type ProbeContext } from './probe.js';
import { silentProgress, stepLabel, type ProgressDisplay } from './progress.js';
import { readProject, type VerifyProject } from './project.js';
import { startCommand } from './start-command.js';
import { cacheProbe } from './probes/cache.js';
import { commandProbe } from './probes/command.js';
import { configSecretsProbe } from './probes/config-secrets.js';
import { devDependenciesProbe } from './probes/dev-dependencies.js';
import { entryProbe } from './probes/entry.js';
import { exposeProbe } from './probes/expose.js';
import { healthProbe } from './probes/health.js';
import { memoryProbe } from './probes/memory.js';
import { packageManagerCacheProbe } from './probes/package-manager-cache.js';
import { prismaCliProbe } from './probes/prisma-cli.js';
import { prismaClientProbe } from './probes/prisma-client.js';
import { readOnlyProbe } from './probes/read-only.js';
import { secretFilesProbe } from './probes/secret-files.js';
import { sizeProbe } from './probes/size.js';
import { sourcesProbe } from './probes/sources.js';
import { stopProbe } from './probes/stop.js';
import { userProbe } from './probes/user.js';

export { progressDisplay, silentProgress, type BuildStep, type ProgressDisplay } from './progress.js';
export { connectEngine, type Engine } from './engine.js';

export interface VerifyOptions {
  /** Verify this image instead of building one (no cache experiment). */
  image?: string;
  /** The build target (`migrate` allows the Prisma CLI). */
  target?: string;
  /** The Dockerfile, relative to the project (default `Dockerfile`). */
  dockerfile?: string;
  /** Network mode for builds and containers; default `host` when the engine has no bridge. */
  network?: string;
  /** A docker client to use (also NESTSHIP_DOCKER). */
  docker?: string;
  /** `KEY=VALUE` pairs for the container (for example a DATABASE_URL). */
  env?: string[];
  envFiles?: string[];
  buildArgs?: Record<string, string>;
  /** Labels for the images verify builds (they are removed at the end unless `keep`). */
  labels?: Record<string, string>;
  /** Keep the built image; its tag is in the report's figures as `image`. */
  keep?: boolean;
  /** A detected Profile; without one verify reads the few facts it needs itself. */
  profile?: Profile;
  /** `full` (source and lockfile changes), `source`, or `off`. Default `full`. */
  cacheExperiment?: 'full' | 'source' | 'off';
  /** The route that proves the service is up (default: the Profile's, else any answer on the port). */
  healthPath?: string;
  /** How long to wait for the first answer, in seconds (default 60). */
  startTimeoutSeconds?: number;
  /** Where build progress goes (default: nowhere; the CLI passes a stderr display). */
  progress?: ProgressDisplay;
}

export const BUILD_FAILS: RuleMeta = {
  id: 'NS300',
  name: 'image-does-not-build',
  severity: 'error',
  summary: 'The image must build with BuildKit.',
  why: 'Nothing else can be proven about an image that does not build.',
  fix: 'Read the failing step in the message; `nestship check` points at common causes in the Dockerfile.',
};

/** Every probe, in the order the report lists them. */
export const PROBES: Probe[] = [
  cacheProbe,
  userProbe,
  commandProbe,
  entryProbe,
  exposeProbe,
  devDependenciesProbe,
  sourcesProbe,
  secretFilesProbe,
  configSecretsProbe,
  packageManagerCacheProbe,
  prismaClientProbe,
  prismaCliProbe,
  healthProbe,
  readOnlyProbe,
  stopProbe,
  memoryProbe,
  sizeProbe,
];

export const VERIFY_RULES: RuleMeta[] = [BUILD_FAILS, ...PROBES.flatMap((p) => p.rules)];

export async function verify(root: string, options: VerifyOptions = {}): Promise<Report> {
  const progress = options.progress ?? silentProgress;
  const profile = options.profile ?? (await detectQuietly(root));
  const project = await readProject(root, {
    ...(options.dockerfile ? { dockerfile: options.dockerfile } : {}),
    ...(profile ? { profile } : {}),
    imageGiven: options.image !== undefined,
  });
  const resources = new Resources();
  try {
    return await verifyWith(project, options, resources, progress);
  } finally {
    progress.close();
    await resources.release();
  }
}

async function verifyWith(
  project: VerifyProject,
  options: VerifyOptions,
  resources: Resources,
  progress: ProgressDisplay,
): Promise<Report> {
  // Step 1: an engine, and a client that can build with BuildKit when we build.
  const engine = await connectEngine({
    needBuild: options.image === undefined,
    ...(options.docker ? { docker: options.docker } : {}),
    ...(options.network ? { network: options.network } : {}),
  });
  resources.useEngine(engine);
  const figures: Record<string, number | string | boolean> = { network: engine.network };
  const report = (findings: Finding[], passes: Pass[]): Report => ({
    tool: 'verify',
    root: project.root,
    findings,
    passes,
    rules: VERIFY_RULES,
    figures,
  });
  const at = locator(project, options);

  // Step 2: the image: build it from the user's own context, or take the one given.
  let image = options.image;
  let baseline: { tag: string; result: Awaited<ReturnType<typeof build>> } | undefined;
  const labels = { 'nestship.verify': '1', ...options.labels };
  if (image === undefined) {
    const dockerfile = project.dockerfile;
    if (!dockerfile) throw new Error('unreachable: readProject requires a Dockerfile when no image is given');
    const tag = resources.image(`nestship-verify-${slug(project.name)}:${randomBytes(4).toString('hex')}`);
    progress.note(`building ${dockerfile.file}${options.target ? ` (target ${options.target})` : ''} with ${engine.builder === 'buildx' ? 'docker buildx' : 'BuildKit'}`);
    const result = await build(engine, {
      context: project.root,
      dockerfile: dockerfile.path,
      tag,
      labels,
      progress,
      ...(options.target ? { target: options.target } : {}),
      ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}),
    });
    figures.buildSeconds = round(result.seconds);
    if (!result.ok) {
      return report(
        [{ id: BUILD_FAILS.id, severity: 'error', message: `the build failed: ${result.error ?? ''}`, location: at() }],
        [],
      );
    }
    baseline = { tag, result };
    image = tag;
    if (options.keep) {
      resources.keepImage(tag);
      figures.image = tag;
    }
  }

  // Step 3: the image's config and every layer above the base, file by file. Temp files go under
  // one registered dir, so even a Ctrl-C in the middle of `docker save` leaves nothing behind.
  const tempRoot = resources.dir(await mkdtemp(join(tmpdir(), 'nestship-verify-')));
  const info = await inspectImage(engine, image);
  progress.note('reading every layer of the image');
  const tagged = await countBaseLayers(engine, project, options.target, info.diffIds);
  const baseLayers = (history: ImageScan['history']): number =>
    baseLayersFromHistory(project, options.target, history) ?? tagged;
  const scan = await scanImage(engine, image, { baseLayers, keepContent: keepForSecrets, tempRoot });
  const files = finalFilesystem(scan);

  // Step 4: run it: start, answer, PID 1, memory, stop; then again read-only; then load Prisma.
  const settings: RunSettings = {
    engine,
    resources,
    image,
    env: options.env ?? [],
    envFiles: options.envFiles ?? [],
    startTimeoutMs: (options.startTimeoutSeconds ?? 60) * 1000,
    ...((options.healthPath ?? project.health) ? { healthPath: options.healthPath ?? project.health } : {}),
  };
  const migrate = options.target === 'migrate';
  progress.note(migrate ? 'the migrate target is a one-shot job: not started as a service' : 'starting the container');
  const run = migrate ? undefined : await observeRun(settings);
  const readOnly = run?.firstResponseSeconds !== undefined ? await observeReadOnly(settings) : undefined;
  const entry = startCommand(info).entry;
  const prisma = migrate ? undefined : await observePrisma(engine, image, info, files, project, entry, settings.env);

  // Step 5: the cache experiment, on a scratch copy of the context.
  let cache: CacheObservation | undefined;
  if (baseline && (options.cacheExperiment ?? 'full') !== 'off') {
    cache = await runCacheExperiment({
      engine,
      resources,
      project,
      baseline: { ...baseline, diffIds: info.diffIds },
      labels,
      lockfile: (options.cacheExperiment ?? 'full') === 'full',
      progress,
      tempRoot,
      ...(options.target ? { target: options.target } : {}),
      ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}),
    });
  }

  // Step 6: the probes judge what was observed.
  const context: ProbeContext = {
    project,
    image,
    info,
    scan,
    files,
    at,
    where: (match) => {
      const dockerfile = project.dockerfile;
      // Later stages first: the runtime stage is where a shipped layer comes from.
      for (const stage of [...(dockerfile?.outline.stages ?? [])].reverse()) {
        const found = stage.instructions.find((i) => match(i, stage.name));
        if (found && dockerfile) return { file: dockerfile.file, line: found.line, column: 1 };
      }
      return at();
    },
    ...(options.target ? { target: options.target } : {}),
    ...(run ? { run } : {}),
    ...(readOnly ? { readOnly } : {}),
    ...(prisma ? { prisma } : {}),
    ...(cache ? { cache } : {}),
  };
  const findings: Finding[] = [];
  const passes: Pass[] = [];
  for (const probe of PROBES) {
    const result = probe.judge(context);
    findings.push(...result.findings);
    passes.push(...result.passes);
  }
  Object.assign(figures, headline(context, findings, passes));
  return report(findings, passes);
}

/** Headline figures: the ones a reader compares between two images. */
function headline(context: ProbeContext, findings: Finding[], passes: Pass[]): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  const all = [...findings.map((f) => f.figures ?? {}), ...passes.map((p) => p.figures ?? {})];
  const pick = (key: string, as = key): void => {
    const value = all.find((f) => f[key] !== undefined)?.[key];
    if (typeof value === 'number' || typeof value === 'string') out[as] = value;
  };
  pick('imageBytes');
  pick('appLayerBytes');
  pick('firstResponseSeconds');
  pick('stopSeconds');
  pick('memoryMiB');
  const cache = context.cache;
  if (cache?.source?.ok) {
    out.sourceChangeNewLayerBytes = cache.source.newLayerBytes;
    out.sourceChangeRebuildSeconds = round(cache.source.seconds);
  }
  if (cache?.lockfile?.ok) {
    out.lockfileChangeNewLayerBytes = cache.lockfile.newLayerBytes;
    out.lockfileChangeRebuildSeconds = round(cache.lockfile.seconds);
  }
  const notes = [...(cache?.skipped ?? [])];
  if (cache?.source?.baseChanged || cache?.lockfile?.baseChanged) {
    notes.push('the base image changed during the cache experiment; its results were not judged');
  }
  for (const change of [cache?.source, cache?.lockfile]) {
    if (!change?.engineMisses.length) continue;
    const steps = change.engineMisses.map((s) => stepLabel(s, 80)).join(', ');
    notes.push(`after the change to ${change.changed} the engine re-ran ${steps}, which reads nothing that changed: its build cache lost the step, so the experiment was not judged`);
  }
  if (cache?.source && !cache.source.ok) notes.push(`the source-change rebuild failed: ${cache.source.error ?? ''}`);
  if (cache?.lockfile && !cache.lockfile.ok) notes.push(`the lockfile-change rebuild failed: ${cache.lockfile.error ?? ''}`);
  if (notes.length) out.cacheExperimentNotes = notes.join('; ');
  if (typeof out.imageBytes === 'number') out.imageSize = bytes(out.imageBytes);
  return out;
}

/** Findings point at the Dockerfile line of the instruction that caused them, or at the image. */
function locator(project: VerifyProject, options: VerifyOptions): (keyword?: string) => Location {
  const dockerfile = project.dockerfile;
  if (!dockerfile) return () => ({ file: options.image ?? 'image' });
  const stage = finalStage(dockerfile.outline, options.target);
  return (keyword) => {
    const found = keyword && stage ? lastInstruction(dockerfile.outline, stage, keyword) : undefined;
    return found ? { file: dockerfile.file, line: found.line, column: 1 } : { file: dockerfile.file };
  };
}

/**
 * How many bottom layers come from the base image: the final stage's FROM, followed through
 * stage names, inspected on the engine. Unknown base -> 0, and every layer is read.
 */
async function countBaseLayers(
  engine: Engine,
  project: VerifyProject,
  target: string | undefined,
  diffIds: string[],
): Promise<number> {
  const outline = project.dockerfile?.outline;
  const stage = outline ? finalStage(outline, target) : undefined;
  if (!outline || !stage) return 0;
  const base = baseImageOf(outline, stage);
  if (!base || base === 'scratch') return 0;
  const inspected = await runClient(engine.client, ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', base]);
  if (inspected.code !== 0) return 0;
  const baseIds = JSON.parse(inspected.stdout) as string[];
  let shared = 0;
  while (shared < baseIds.length && baseIds[shared] === diffIds[shared]) shared++;
  return shared;
}

/**
 * The base image's layers, read from the image itself: BuildKit writes one history entry per
 * instruction of the final stage chain (every one but FROM), so the entries before those are the
 * base image's. This holds even when the base tag was re-pointed since the build. Undefined when
 * the history does not line up with the Dockerfile (then the tag is asked).
 */
function baseLayersFromHistory(
  project: VerifyProject,
  target: string | undefined,
  history: ImageScan['history'],
): number | undefined {
  const outline = project.dockerfile?.outline;
  const stage = outline ? finalStage(outline, target) : undefined;
  if (!outline || !stage) return undefined;
  const chain = stageChain(outline, stage);
  const ours = chain.flatMap((s) => s.instructions).filter((i) => i.keyword !== 'FROM');
  const first = ours[0];
  const baseEntries = history.length - ours.length;
  if (!first || baseEntries < 0) return undefined;
  // The first entry of ours must be the first instruction of the chain (`WORKDIR /app`, `RUN ...`).
  const boundary = history[baseEntries]?.createdBy ?? '';
  if (!new RegExp(`^(${first.keyword}\\b|/bin/sh -c #\\(nop\\) +${first.keyword}\\b)`, 'i').test(boundary)) {
    return undefined;
  }
  return history.slice(0, baseEntries).filter((h) => !h.emptyLayer).length;
}

/** The detected Profile when detection can place the project; verify also works without one. */
async function detectQuietly(root: string): Promise<Profile | undefined> {
  try {
    return await detectProfile(root);
  } catch {
    // Not a project detection understands (or not a Nest one): verify reads the facts it needs.
    return undefined;
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '') || 'app';
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
