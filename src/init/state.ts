/**
 * `.nestship.json` at the project root. init keeps under `"init"` the options the user chose and
 * the sha256 of every file it last wrote, which is how it tells its own output from a user's edit.
 * Other top-level keys (check keeps its configuration under `"check"`) are left as they are.
 */
import { createHash } from 'node:crypto';
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { NestshipError } from '../errors.js';

export const STATE_PATH = '.nestship.json';

/** The options a user chose on the command line, re-used when init runs again without them. */
export interface SavedOptions {
  base?: string;
  project?: string;
  ci?: 'github';
  k8s?: boolean;
  port?: number;
}

export interface InitState {
  options: SavedOptions;
  /** Path -> sha256 of the content nestship last wrote there. */
  files: Record<string, string>;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads the `init` section; a missing file or section is an empty state. */
export function readState(text: string | undefined): InitState {
  if (text === undefined) return { options: {}, files: {} };
  const errors: ParseError[] = [];
  const document = parse(text, errors, { allowTrailingComma: true }) as unknown;
  if (errors.length > 0 || typeof document !== 'object' || document === null || Array.isArray(document)) {
    const reason = errors[0] ? printParseErrorCode(errors[0].error) : 'not a JSON object';
    throw new NestshipError(`cannot read the nestship settings (${reason})`, {
      file: STATE_PATH,
      hint: 'fix the JSON or delete the file to start over',
    });
  }
  const section = (document as Record<string, unknown>).init as Partial<InitState> | undefined;
  return {
    options: validOptions(section?.options ?? {}),
    files: typeof section?.files === 'object' && section.files !== null ? { ...section.files } : {},
  };
}

function validOptions(raw: unknown): SavedOptions {
  const options: SavedOptions = {};
  const value = (raw ?? {}) as Record<string, unknown>;
  if (typeof value.base === 'string') options.base = value.base;
  if (typeof value.project === 'string') options.project = value.project;
  if (value.ci === 'github') options.ci = 'github';
  if (value.k8s === true) options.k8s = true;
  if (typeof value.port === 'number' && Number.isInteger(value.port)) options.port = value.port;
  return options;
}

/** The new `.nestship.json` text: the `init` section replaced, everything else kept as written. */
export function writeState(text: string | undefined, state: InitState): string {
  const section = { options: sortedOptions(state.options), files: state.files };
  if (text === undefined || text.trim() === '') return `${JSON.stringify({ init: section }, null, 2)}\n`;
  const edits = modify(text, ['init'], section, {
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: text.includes('\r\n') ? '\r\n' : '\n' },
  });
  return applyEdits(text, edits);
}

/** A fixed key order, so the same choices always write the same bytes. */
function sortedOptions(options: SavedOptions): SavedOptions {
  const sorted: SavedOptions = {};
  if (options.base !== undefined) sorted.base = options.base;
  if (options.project !== undefined) sorted.project = options.project;
  if (options.ci !== undefined) sorted.ci = options.ci;
  if (options.k8s) sorted.k8s = true;
  if (options.port !== undefined) sorted.port = options.port;
  return sorted;
}
