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
  const base = { path: file.path, content: file.content, previous };
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

/** A unified diff from the file as it is to what nestship would write. */
export function unifiedDiff(planned: PlannedFile): string {
  const oldName = planned.previous === undefined ? '/dev/null' : `a/${planned.path}`;
  return createTwoFilesPatch(oldName, `b/${planned.path}`, planned.previous ?? '', planned.content, '', '', {
    context: 3,
  });
}
