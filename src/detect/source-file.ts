/**
 * The boot sources: the entry file (usually src/main.ts) and the local files it imports, nearest first.
 * Read once and shared by the detectors that look at how the app boots: the HTTP adapter, the listen
 * host and port, shutdown hooks and the global prefix. Many services keep main.ts tiny and boot from a
 * bootstrap.ts or app.setup.ts, so the entry alone is not enough. Comments are blanked out first so
 * commented-away code does not count.
 */
import path from 'node:path';
import { NestshipError } from '../errors.js';
import { isFile, readTextIfExists, toPosix } from './files.js';

export interface SourceFile {
  /** Project-relative path. */
  file: string;
  /** The text with comments replaced by spaces (offsets and line numbers are preserved). */
  code: string;
}

export async function readSourceFile(root: string, file: string): Promise<SourceFile> {
  const text = await readTextIfExists(root, file);
  if (text === undefined) {
    throw new NestshipError(`entry file ${file} does not exist`, { file });
  }
  return { file, code: blankComments(text) };
}

/** How far and how wide the import graph is followed from the entry. */
const MAX_DEPTH = 3;
const MAX_FILES = 40;

/**
 * The entry and the files it reaches through relative imports (`./bootstrap.js`, `../config`), breadth
 * first so the nearest file comes first, staying inside `sourceRoot`.
 */
export async function readBootSources(
  root: string,
  entryFile: string,
  sourceRoot: string,
): Promise<SourceFile[]> {
  const entry = await readSourceFile(root, entryFile);
  const sources = [entry];
  const seen = new Set([entry.file]);
  let frontier = [entry];
  const inside = path.resolve(root, sourceRoot) + path.sep;
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: SourceFile[] = [];
    for (const source of frontier) {
      for (const specifier of relativeImports(source.code)) {
        if (sources.length >= MAX_FILES) return sources;
        const file = await resolveImport(root, source.file, specifier);
        if (!file || seen.has(file) || !path.resolve(root, file).startsWith(inside)) continue;
        seen.add(file);
        const imported = await readSourceFile(root, file);
        sources.push(imported);
        next.push(imported);
      }
    }
    frontier = next;
  }
  return sources;
}

function relativeImports(code: string): string[] {
  const pattern =
    /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"`])(\.{1,2}\/[^'"`]+)\1/gm;
  return [...code.matchAll(pattern)].map((match) => match[2] as string);
}

/** `./app.setup.js` -> `src/app.setup.ts`, `./config` -> `src/config.ts` or `src/config/index.ts`. */
async function resolveImport(
  root: string,
  from: string,
  specifier: string,
): Promise<string | undefined> {
  const base = path.join(path.dirname(from), specifier);
  const stem = base.replace(/\.(c|m)?js$/, '');
  const candidates = [
    `${stem}.ts`,
    `${stem}.mts`,
    `${stem}.cts`,
    base,
    path.join(base, 'index.ts'),
  ];
  for (const candidate of candidates) {
    if (/\.[cm]?[tj]s$/.test(candidate) && (await isFile(path.join(root, candidate))))
      return toPosix(candidate);
  }
  return undefined;
}

/** Replaces `//` and `/* *\/` comments with spaces, leaving strings and template literals alone. */
export function blankComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    const next = text[i + 1];
    if (char === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (char === '"' || char === "'" || char === '`') {
      const stop = endOfString(text, i, char);
      out += text.slice(i, stop);
      i = stop;
    } else {
      out += char;
      i++;
    }
  }
  return out;
}

function endOfString(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === quote) return i + 1;
    else if (char === '\n' && quote !== '`') return i;
  }
  return text.length;
}

/** The 1-based line of an offset, for details such as `line 12`. */
export function lineOf(code: string, offset: number): number {
  return code.slice(0, offset).split('\n').length;
}

export interface Call {
  /** Offset of the callee name in the code. */
  offset: number;
  /** The raw text of each top-level argument, trimmed. */
  args: string[];
}

/** Every call `NAME(...)` (for example `.listen(`), with its top-level arguments split on commas. */
export function findCalls(code: string, name: RegExp): Call[] {
  const calls: Call[] = [];
  const pattern = new RegExp(`${name.source}\\s*\\(`, 'g');
  for (const match of code.matchAll(pattern)) {
    const open = (match.index ?? 0) + match[0].length;
    const args: string[] = [];
    let depth = 0;
    let current = '';
    let i = open;
    for (; i < code.length; i++) {
      const char = code[i] as string;
      if (char === '"' || char === "'" || char === '`') {
        const stop = endOfString(code, i, char);
        current += code.slice(i, stop);
        i = stop - 1;
        continue;
      }
      if (char === '(' || char === '[' || char === '{') depth++;
      if (char === ')' || char === ']' || char === '}') {
        if (depth === 0) break;
        depth--;
      }
      if (char === ',' && depth === 0) {
        args.push(current.trim());
        current = '';
        continue;
      }
      current += char;
    }
    if (current.trim() !== '') args.push(current.trim());
    calls.push({ offset: match.index ?? 0, args });
  }
  return calls;
}

/** The expression starting at `start`, up to the first comma, newline or bracket that closes it. */
function valueAt(code: string, start: number): string {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const char = code[i] as string;
    if (char === '"' || char === "'" || char === '`') {
      i = endOfString(code, i, char) - 1;
    } else if (char === '(' || char === '[' || char === '{') {
      depth++;
    } else if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) return code.slice(start, i).trim();
      depth--;
    } else if ((char === ',' || char === ';' || char === '\n') && depth === 0) {
      return code.slice(start, i).trim();
    }
  }
  return code.slice(start).trim();
}

/** The value of a quoted string literal, or undefined when the text is not one. */
export function stringLiteral(text: string): string | undefined {
  const match = /^(['"`])([^'"`$]*)\1$/.exec(text.trim());
  return match ? match[2] : undefined;
}

/** The initialiser of `const|let|var NAME = ...;` in the code, when there is one. */
export function initialiserOf(code: string, name: string): string | undefined {
  const pattern = new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*(?::[^=]+)?=\\s*([^;\\n]+)`);
  return pattern.exec(code)?.[1]?.trim();
}

/** TypeScript types that a `name: type` member declares; they carry no value. */
const TYPE_NAMES =
  /^(number|string|boolean|bigint|unknown|any|undefined|null)(\s*\|.*)?$|^readonly\b|\[\]$/;

/**
 * What an argument stands for, one step deep: a bare name is followed to its `const` initialiser, and
 * a member like `config.port` to a `port: ...` property in any boot source (a config loader, usually).
 */
export function resolveArgument(argument: string, sources: readonly SourceFile[]): string {
  const trimmed = argument.trim();
  if (/^[A-Za-z_$][\w$]*$/.test(trimmed)) {
    for (const source of sources) {
      const found = initialiserOf(source.code, trimmed);
      if (found) return found;
    }
    return trimmed;
  }
  const member = /^[A-Za-z_$][\w$.]*\.([A-Za-z_$][\w$]*)$/.exec(trimmed)?.[1];
  if (member) {
    // `port: number` in an interface is a type, not a value; the first real initialiser wins.
    const property = new RegExp(`(?:^|[{,\\s])${member}\\s*:\\s*`, 'gm');
    for (const source of sources) {
      for (const found of source.code.matchAll(property)) {
        const value = valueAt(source.code, (found.index ?? 0) + found[0].length);
        if (value === '' || TYPE_NAMES.test(value)) continue;
        return /^[A-Za-z_$][\w$]*$/.test(value) ? resolveArgument(value, sources) : value;
      }
    }
  }
  return trimmed;
}
