/**
 * NS301-NS303: the cache experiment, judged. A source change must not re-run a dependency install,
 * and must ship no more new layer bytes than the compiled output; a lockfile change must re-run
 * the install (or the image can ship dependencies that do not match the lockfile).
 */
import { posix } from 'node:path';
import type { RuleMeta } from '../../findings.js';
import type { ChangeResult } from '../cache-experiment.js';
import { bytes, fail, merge, NOTHING, pass, type Probe, type ProbeContext } from '../probe.js';
import { entryPath, startCommand } from '../start-command.js';
import { stepLabel } from '../progress.js';

export const SOURCE_REBUILDS_INSTALL: RuleMeta = {
  id: 'NS301',
  name: 'source-change-reinstalls',
  severity: 'error',
  summary: 'A source-only change must not re-run a dependency install.',
  why:
    'When the source is copied before the install, every code change re-downloads and re-installs ' +
    'every dependency: minutes per build instead of seconds, and a fresh node_modules layer to push.',
  fix: 'Copy only package.json and the lockfile before the install, and the rest of the source after it.',
};

export const SOURCE_SHIPS_LAYERS: RuleMeta = {
  id: 'NS302',
  name: 'source-change-reships-layers',
  severity: 'error',
  summary: 'A source-only change should ship new layers no bigger than the compiled output.',
  why:
    'Layers above a changed layer are rebuilt and pushed again even when their content is the same. ' +
    'A runtime stage that copies dist/ before node_modules/ re-ships the whole node_modules on every ' +
    'code change: hundreds of megabytes per deploy to the registry and to every node that pulls.',
  fix: 'In the runtime stage, copy node_modules (and other dependency files) before dist/.',
};

export const LOCKFILE_SKIPS_INSTALL: RuleMeta = {
  id: 'NS303',
  name: 'lockfile-change-skips-install',
  severity: 'warning',
  summary: 'A lockfile change must re-run the dependency install.',
  why:
    'If the install step does not depend on the lockfile, the image keeps the dependencies of an old ' +
    'lockfile, and what runs in production is not what was reviewed and tested.',
  fix: 'Copy the lockfile into the install step and install with the lockfile-strict command (npm ci).',
};

export const cacheProbe: Probe = {
  rules: [SOURCE_REBUILDS_INSTALL, SOURCE_SHIPS_LAYERS, LOCKFILE_SKIPS_INSTALL],
  judge(context) {
    const cache = context.cache;
    if (!cache) return NOTHING;
    return merge(judgeSource(context, cache.source), judgeLockfile(context, cache.lockfile));
  },
};

function judgeSource(context: ProbeContext, change: ChangeResult | undefined) {
  if (!change || !change.ok || change.baseChanged || change.engineMisses.length) return NOTHING;
  const at = context.at();
  const cached = change.steps.filter((s) => s.cached).length;
  const figures = {
    changed: change.changed,
    cachedSteps: cached,
    rebuiltSteps: change.steps.length - cached,
    newLayerBytes: change.newLayerBytes,
    newLayers: change.newLayers.length,
    rebuildSeconds: change.seconds,
  };
  const firstInstall = change.rebuiltInstalls[0];
  const installs = firstInstall
    ? fail(
        SOURCE_REBUILDS_INSTALL,
        `a change to ${change.changed} re-ran ${change.rebuiltInstalls.map((s) => stepLabel(s, 60)).join(', ')}`,
        context.where((i, stage) => stage === firstInstall.stage && sameText(`${i.keyword} ${i.args}`, firstInstall.instruction)),
        { ...figures, rebuiltInstalls: change.rebuiltInstalls.map((s) => stepLabel(s, 200)).join('; ') },
      )
    : pass(SOURCE_REBUILDS_INSTALL, `a change to ${change.changed} re-ran no install (${cached} of ${change.steps.length} steps cached)`, figures);

  // The compiled output's own size (as tar bytes) is the most a code change should ship.
  const compiled = compiledTarBytes(context);
  const allowance = Math.max(compiled * 2, compiled + 1024 * 1024);
  const biggest = [...change.newLayers].sort((a, b) => b.size - a.size)[0];
  const layers = change.newLayerBytes > allowance
    ? fail(
        SOURCE_SHIPS_LAYERS,
        `a change to ${change.changed} ships ${bytes(change.newLayerBytes)} of new layers, the compiled ` +
          `output is ${bytes(compiled)}` +
          (biggest ? `; the largest is ${bytes(biggest.size)} from \`${tidy(biggest.createdBy)}\`` : ''),
        biggest ? layerSource(context, biggest.createdBy) : at,
        { ...figures, compiledBytes: compiled, ...(biggest ? { largestNewLayer: tidy(biggest.createdBy) } : {}) },
      )
    : pass(
        SOURCE_SHIPS_LAYERS,
        `a change to ${change.changed} ships ${bytes(change.newLayerBytes)} of new layers (compiled output ${bytes(compiled)})`,
        { ...figures, compiledBytes: compiled },
      );
  return merge(installs, layers);
}

function judgeLockfile(context: ProbeContext, change: ChangeResult | undefined) {
  if (!change || !change.ok || change.baseChanged || change.engineMisses.length) return NOTHING;
  const figures = {
    changed: change.changed,
    rebuiltInstalls: change.rebuiltInstalls.length,
    newLayerBytes: change.newLayerBytes,
    rebuildSeconds: change.seconds,
  };
  return change.rebuiltInstalls.length === 0
    ? fail(LOCKFILE_SKIPS_INSTALL, `a change to ${change.changed} re-ran no install step`, context.at(), figures)
    : pass(
        LOCKFILE_SKIPS_INSTALL,
        `a change to ${change.changed} re-ran ${change.rebuiltInstalls.length} install step(s) and ships ${bytes(change.newLayerBytes)} of new layers`,
        figures,
      );
}

/** The compiled output folder (the entry's top folder under the workdir) as tar bytes. */
function compiledTarBytes(context: ProbeContext): number {
  const entry = startCommand(context.info).entry;
  if (!entry) return 0;
  const workdir = context.info.workingDir.replace(/\/+$/, '');
  const relativeEntry = posix.relative(workdir || '/', entryPath(context.info, entry));
  const top = relativeEntry.split('/')[0];
  if (!top || top.startsWith('..')) return 0;
  const prefix = `${workdir}/${top}/`;
  let total = 0;
  for (const file of context.files.values()) {
    if (!file.path.startsWith(prefix)) continue;
    // A tar entry is a 512-byte header plus the content padded to 512 bytes.
    total += 512 + Math.ceil(file.size / 512) * 512;
  }
  return total;
}

/** Instruction texts compared without runs of whitespace. */
function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

/**
 * The COPY or RUN that made a layer: BuildKit's history keeps the sources and destination of a
 * COPY (`COPY /usr/src/app/node_modules ./node_modules`) but drops its flags, so the instruction
 * is found by its last words.
 */
function layerSource(context: ProbeContext, createdBy: string) {
  const text = tidy(createdBy);
  const keyword = text.split(' ')[0] ?? '';
  const tail = text.slice(keyword.length).trim().split(/\s+/).slice(-2).join(' ');
  return context.where((i) => i.keyword === keyword && i.args.replace(/\s+/g, ' ').endsWith(tail));
}

/** A history line without BuildKit's decorations. */
function tidy(createdBy: string): string {
  return createdBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, '').replace(/ # buildkit$/, '').trim();
}
