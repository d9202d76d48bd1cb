/**
 * The entry source (usually src/main.ts), read once and shared by the detectors that look at how the
 * app boots: the HTTP adapter, the listen host and port, and shutdown hooks. Comments are blanked out
 * first so commented-away code does not count.
 */
import { NestshipError } from '../errors.js';
import { readTextIfExists } from './files.js';

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
