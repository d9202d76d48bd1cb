/**
 * `init`: detect the project, generate its container setup, and write it safely. Every file is
 * planned first (create, identical, update, conflict); a conflict stops the whole write unless the
 * user forces it, and the write itself is all or none.
 */
import { readFile, stat } from 'node:fs/promises';
import { NestshipError } from '../errors.js';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Profile } from '../detect/profile.js';
import { generateFiles, type ProjectFiles } from '../generate/index.js';
import { describe, detect } from './detect.js';
import { applyOptions, mergeOptions } from './options.js';
import { planFile, recordedHashes, unifiedDiff, type PlannedFile } from './plan.js';
import { readState, STATE_PATH, writeState, type SavedOptions } from './state.js';
import { writeAllOrNone, type FileWrite } from './write.js';

export type { FileStatus, PlannedFile } from './plan.js';
export type { SavedOptions } from './state.js';
export { unifiedDiff } from './plan.js';

export interface InitOptions extends SavedOptions {
  /** Plan and diff, write nothing. */
  dryRun?: boolean;
  /** Overwrite files the user changed. */
  force?: boolean;
}

export interface InitResult {
  root: string;
  profile: Profile;
  /** What was detected and from which file, one line per fact. */
  detected: string[];
  /** The options in force: saved ones merged with those given now. */
  options: SavedOptions;
  files: PlannedFile[];
  /** Files the user changed that were not overwritten; when any, nothing was written. */
  conflicts: PlannedFile[];
  /** Whether anything was written. */
  written: boolean;
  /** Things the user should know that are not about a file, such as missing shutdown hooks. */
  warnings: string[];
}

export async function init(dir: string, options: InitOptions = {}): Promise<InitResult> {
  const root = resolve(dir);
  const given: SavedOptions = {
    base: options.base,
    project: options.project,
    ci: options.ci,
    k8s: options.k8s,
    port: options.port,
  };

  // Step 1: the saved choices, merged with the flags given now.
  await requireFolder(root, dir);
  const stateText = await readOptional(join(root, STATE_PATH));
  const state = readState(stateText);
  const chosen = mergeOptions(state.options, given);

  // Step 2: detect; bad input stops here with one line, before anything is written.
  const detected = await detect(root, { project: chosen.project, base: chosen.base });
  const profile = applyOptions(detected, chosen, given);

  // Step 3: generate and plan every file against what is on disk.
  const files = projectFiles(root);
  const generated = generateFiles({ profile, files, options: { ci: chosen.ci, k8s: chosen.k8s } });
  const planned = generated.map((file) => planFile(file, files.read(file.path), state, options.force ?? false));
  const conflicts = planned.filter((file) => file.status === 'conflict' && !file.write);

  // Step 4: write all or none, recording what nestship wrote so a later run knows its own output.
  const toWrite = planned.filter((file) => file.write);
  const nextState = { options: chosen, files: recordedHashes(planned, state) };
  const nextStateText = writeState(stateText, nextState);
  const writes: FileWrite[] = toWrite.map((file) => ({ path: file.path, content: file.content, previous: file.previous }));
  if (nextStateText !== stateText) writes.push({ path: STATE_PATH, content: nextStateText, previous: stateText });
  const canWrite = !options.dryRun && conflicts.length === 0 && writes.length > 0;
  if (canWrite) await writeAllOrNone(root, writes);

  return {
    root,
    profile,
    detected: describe(profile),
    options: chosen,
    files: planned,
    conflicts,
    written: canWrite,
    warnings: warningsFor(profile),
  };
}

/** The diffs `--dry-run` prints, one per file that would change. */
export function diffs(result: InitResult): string[] {
  return result.files.filter((file) => file.write || file.status === 'conflict').map(unifiedDiff);
}

function projectFiles(root: string): ProjectFiles {
  return {
    exists: (path) => existsSync(join(root, path)),
    read: (path) => {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

async function requireFolder(root: string, given: string): Promise<void> {
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new NestshipError(`${given} is not a folder`, { hint: 'pass the folder of a NestJS project' });
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function warningsFor(profile: Profile): string[] {
  const warnings: string[] = [];
  if (!profile.shutdownHooks.value) {
    warnings.push(
      `${profile.shutdownHooks.source}: app.enableShutdownHooks() is not called; node is PID 1 and gets ` +
        'SIGTERM, but Nest closes connections and providers on it only with shutdown hooks enabled',
    );
  }
  const host = profile.http.listenHost?.value;
  if (profile.http.adapter.value === 'fastify' && (host === undefined || /^(127\.0\.0\.1|localhost|::1)$/.test(host))) {
    warnings.push(
      `${profile.http.listenHost?.source ?? profile.http.adapter.source}: Fastify listens on ` +
        `${host ?? '127.0.0.1 by default'}; pass '0.0.0.0' to app.listen so the container is reachable`,
    );
  }
  const prisma = profile.prisma;
  if (prisma?.generator.value === 'prisma-client-js' && prisma.output?.value.startsWith(`${profile.nest.sourceRoot.value}/`)) {
    warnings.push(
      `${prisma.output.source}: the prisma-client-js output is inside ${profile.nest.sourceRoot.value}/, ` +
        'and tsc does not copy its JavaScript into dist/; use the prisma-client generator or the default output',
    );
  }
  if (profile.node.value >= 25 && profile.packageManager.name.value !== 'npm') {
    warnings.push(`${profile.node.source}: Node ${profile.node.value} ships no corepack; the Dockerfile installs it from npm`);
  }
  return warnings;
}
