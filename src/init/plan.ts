/**
 * Decides, for each generated file, what writing it would do: create it, leave it (identical),
 * replace nestship's own earlier output (update), or stop because the user changed it (conflict).
 */
import { createTwoFilesPatch } from 'diff';
import type { GeneratedFile } from '../generate/index.js';
import { currentMigrationScript, MIGRATION_COMMAND } from '../generate/package-scripts.js';
import { sha256, type InitState } from './state.js';

export type FileStatus = 'create' | 'identical' | 'update' | 'conflict' | 'keep';

export interface PlannedFile {
  path: string;
  mode: GeneratedFile['mode'];
  status: FileStatus;
  /** Why the status is what it is, for the printout (conflict and keep). */
  reason?: string;
  /** The content nestship would write. */
  content: string;
  /** The file as it is now, when it exists. */
  previous: string | undefined;
  /** Whether the file is written: created, updated, or a conflict overwritten with --force. */
  write: boolean;
}

export function planFile(
  file: GeneratedFile,
  previous: string | undefined,
  state: InitState,
  force: boolean,
): PlannedFile {
  const base = { path: file.path, mode: file.mode, content: file.content, previous };
  if (previous === undefined) return { ...base, status: 'create', write: true };
  if (previous === file.content) return { ...base, status: 'identical', write: false };
  const ours = state.files[file.path] === sha256(previous);
  if (file.mode === 'once' && !ours) {
    return { ...base, status: 'keep', reason: 'the project has its own; written only when missing', write: false };
  }
  if (file.mode === 'merged') {
    const script = currentMigrationScript(previous);
    if (script === undefined) return { ...base, status: 'update', write: true };
    return {
      ...base,
      status: 'conflict',
      reason: `scripts.migration:run is "${String(script)}", not "${MIGRATION_COMMAND}"`,
      write: force,
    };
  }
  if (ours) return { ...base, status: 'update', write: true };
  const reason = state.files[file.path] ? 'changed since nestship wrote it' : 'exists and was not written by nestship';
  return { ...base, status: 'conflict', reason, write: force };
}

/**
 * The hashes `.nestship.json` keeps after this run: what nestship wrote or found identical, and the
 * earlier record of anything left alone. package.json is the user's file and is never recorded.
 */
export function recordedHashes(planned: PlannedFile[], state: InitState): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const plan of planned.filter((p) => p.mode !== 'merged')) {
    if (plan.write || plan.status === 'identical') hashes[plan.path] = sha256(plan.content);
    else if (state.files[plan.path]) hashes[plan.path] = state.files[plan.path]!;
  }
  return hashes;
}

/** A unified diff from the file as it is to what nestship would write. */
export function unifiedDiff(planned: PlannedFile): string {
  const oldName = planned.previous === undefined ? '/dev/null' : `a/${planned.path}`;
  return createTwoFilesPatch(oldName, `b/${planned.path}`, planned.previous ?? '', planned.content, '', '', {
    context: 3,
  });
}
