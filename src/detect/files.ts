/**
 * File access for detection. Every reader takes the project root and a path relative to it, so the facts
 * can name their file the way the user sees it, and every parse failure becomes a one-line NestshipError
 * that says which file and where.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { NestshipError } from '../errors.js';

/** Joins a project-relative path onto the root. */
export function inRoot(root: string, rel: string): string {
  return path.join(root, rel);
}

/** Forward-slash, `./`-free form of a project-relative path, for facts and messages. */
export function toPosix(rel: string): string {
  const posix = rel.split(path.sep).join('/').replace(/^\.\//, '');
  return posix === '' ? '.' : posix;
}

/** The project-relative form of an absolute path. */
export function relativeTo(root: string, absolute: string): string {
  return toPosix(path.relative(root, absolute));
}

export async function isFile(absolute: string): Promise<boolean> {
  try {
    return (await stat(absolute)).isFile();
  } catch {
    return false;
  }
}

export async function isDirectory(absolute: string): Promise<boolean> {
  try {
    return (await stat(absolute)).isDirectory();
  } catch {
    return false;
  }
}

/** A file's text, or undefined when it does not exist. */
export async function readTextIfExists(root: string, rel: string): Promise<string | undefined> {
  try {
    return await readFile(inRoot(root, rel), 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new NestshipError(`cannot read ${toPosix(rel)}`, { file: toPosix(rel), cause: error });
  }
}

/** The first of several candidate files that exists, with its text. */
export async function firstExisting(
  root: string,
  candidates: readonly string[],
): Promise<{ file: string; text: string } | undefined> {
  for (const file of candidates) {
    const text = await readTextIfExists(root, file);
    if (text !== undefined) return { file, text };
  }
  return undefined;
}

/**
 * Parses JSON, or JSONC when `comments` is set (tsconfig files allow comments and trailing commas).
 * Fails with the file, line and column of the first error.
 */
export function parseJson(text: string, file: string, comments = false): unknown {
  // Most files are plain JSON, and the engine's own parser reads a large lockfile about ten times
  // faster; jsonc-parser runs for comments, trailing commas and the position of an error.
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // fall through to the tolerant parser, which also locates the error
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, {
    disallowComments: !comments,
    allowTrailingComma: comments,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(text, first.offset);
    throw new NestshipError(
      `invalid JSON at line ${line}, column ${column} (${printParseErrorCode(first.error)})`,
      { file, hint: 'fix the syntax and run again' },
    );
  }
  return value;
}

/** Reads and parses a JSON file that must be an object; undefined when the file does not exist. */
export async function readJsonObject(
  root: string,
  rel: string,
  comments = false,
): Promise<Record<string, unknown> | undefined> {
  const text = await readTextIfExists(root, rel);
  if (text === undefined) return undefined;
  const file = toPosix(rel);
  const value = parseJson(text, file, comments);
  if (!isRecord(value)) {
    throw new NestshipError('expected a JSON object at the top level', { file });
  }
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `key` when it is a string. */
export function stringAt(
  object: Record<string, unknown> | undefined,
  key: string,
): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The value at `key` when it is an object. */
export function recordAt(
  object: Record<string, unknown> | undefined,
  key: string,
): Record<string, unknown> | undefined {
  const value = object?.[key];
  return isRecord(value) ? value : undefined;
}

/** Directory names never worth walking into when looking for sources. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.yarn', '.pnpm-store', 'coverage']);

/**
 * Every file under `dir` (absolute paths), skipping dependency and VCS folders and any folder in `prune`.
 * Symbolic links are not followed, so a linked workspace cannot make the walk loop.
 */
export async function listFiles(
  dir: string,
  prune: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const absolute = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !prune.has(absolute)) pending.push(absolute);
      } else if (entry.isFile()) {
        found.push(absolute);
      }
    }
  }
  return found.sort();
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
