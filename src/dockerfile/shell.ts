/**
 * A tokenizer for the shell text of RUN, CMD and ENTRYPOINT. dockerfile-ast only splits on
 * whitespace, so `echo "a && b"` looks like two commands there. This is no full shell parser: it
 * knows quotes, escapes, `$(...)`, comments, Docker's line continuations, the list and pipe
 * operators and redirections, which is what rules need to tell `npm ci` from `npm install` and to
 * find flags. Offsets point into the original Dockerfile text so findings get real columns.
 */

export interface ShellWord {
  /** The word with quotes removed (variable references are kept as written). */
  value: string;
  /** The word as written. */
  raw: string;
  /** Offsets into the text that was tokenized (end exclusive). */
  start: number;
  end: number;
}

export type Separator = '' | '&&' | '||' | ';' | '|' | '&';

export interface ShellCommand {
  /** Program and arguments, after assignment prefixes and reserved words are removed. */
  words: ShellWord[];
  /** `NAME=value` prefixes, for example `NODE_ENV=production npm ci`. */
  assignments: ShellWord[];
  /** The operator that joins this command to the previous one ('' for the first). */
  separator: Separator;
}

/** `redirect` takes the next word as its target; `dup` (`2>&1`, `>&-`) takes none. */
type OpKind = Separator | '(' | ')' | 'redirect' | 'dup';

type Token = { kind: 'word'; word: ShellWord } | { kind: 'op'; op: OpKind; start: number };

/** Words that open or close compound commands; the command that follows them is what runs. */
const RESERVED = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '{', '}', '!', 'time',
]);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * Split shell text into simple commands. `start`/`end` bound the region of `text` to read, and
 * `escapeChar` is the Dockerfile's escape character, used for line continuations.
 */
export function tokenizeShell(
  text: string,
  start = 0,
  end = text.length,
  escapeChar = '\\',
): ShellCommand[] {
  const logical = joinContinuations(text, start, end, escapeChar);
  return groupCommands(lex(logical.chars, logical.offsets));
}

/** The text of a region with Docker's line continuations joined. */
export function logicalText(text: string, start: number, end: number, escapeChar = '\\'): string {
  return joinContinuations(text, start, end, escapeChar).chars;
}

/** Docker removes `escape + newline` and the comment or blank lines inside a continuation. */
function joinContinuations(
  text: string,
  start: number,
  end: number,
  esc: string,
): { chars: string; offsets: number[] } {
  let chars = '';
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    const ch = text[i]!;
    if (ch === esc) {
      const after = continuationEnd(text, i + 1, end);
      if (after >= 0) {
        i = skipContinuationLines(text, after, end);
        continue;
      }
    }
    chars += ch;
    offsets.push(i);
    i++;
  }
  offsets.push(end);
  return { chars, offsets };
}

/** After an escape char: index past `[ \t]*\r?\n`, or -1 when this is no continuation. */
function continuationEnd(text: string, from: number, end: number): number {
  let j = from;
  while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
  // An escape followed only by blanks up to the end of the region still ends the line.
  if (j >= end) return end;
  if (text[j] === '\r') j++;
  return j < end && text[j] === '\n' ? j + 1 : -1;
}

function skipContinuationLines(text: string, from: number, end: number): number {
  let i = from;
  for (;;) {
    let j = i;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    const blank = j < end && (text[j] === '\n' || text[j] === '\r');
    if (!(blank || (j < end && text[j] === '#'))) return i;
    while (j < end && text[j] !== '\n') j++;
    i = j + 1;
    if (i >= end) return end;
  }
}

/** Turn logical shell text into words and operators. Every loop iteration consumes input. */
function lex(s: string, offsets: number[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '\n') {
      tokens.push({ kind: 'op', op: ';', start: offsets[i]! });
      i++;
      continue;
    }
    if (ch === '#') {
      // A comment runs to the end of the (logical) line.
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    const op = operatorAt(s, i);
    if (op) {
      tokens.push({ kind: 'op', op: op.op, start: offsets[i]! });
      i += op.length;
      continue;
    }
    const wordEnd = scanWord(s, i);
    const raw = s.slice(i, wordEnd);
    // `2>file` and `2>&1`: a number glued to a redirection is part of it.
    if (/^\d+$/.test(raw) && (s[wordEnd] === '>' || s[wordEnd] === '<')) {
      const length = redirectLength(s, wordEnd);
      tokens.push({ kind: 'op', op: redirectKind(s, wordEnd, length), start: offsets[i]! });
      i = wordEnd + length;
      continue;
    }
    tokens.push({
      kind: 'word',
      word: { raw, value: unquote(raw), start: offsets[i]!, end: offsets[wordEnd - 1]! + 1 },
    });
    i = wordEnd;
  }
  return tokens;
}

function operatorAt(s: string, i: number): { op: OpKind; length: number } | undefined {
  const two = s.slice(i, i + 2);
  if (two === '&&' || two === '||') return { op: two, length: 2 };
  if (two === ';;') return { op: ';', length: 2 };
  const ch = s[i];
  if (ch === ';' || ch === '|' || ch === '(' || ch === ')') return { op: ch, length: 1 };
  if (ch === '&') {
    if (s[i + 1] === '>') return { op: 'redirect', length: redirectLength(s, i + 1) + 1 };
    return { op: '&', length: 1 };
  }
  if (ch === '>' || ch === '<') {
    const length = redirectLength(s, i);
    return { op: redirectKind(s, i, length), length };
  }
  return undefined;
}

function redirectKind(s: string, i: number, length: number): 'redirect' | 'dup' {
  return s.slice(i, i + length).includes('&') ? 'dup' : 'redirect';
}

/** Length of a redirection operator starting at `i` (`>`, `>>`, `<<`, `>&2`, `<&-`, `>|`). */
function redirectLength(s: string, i: number): number {
  let j = i + 1;
  if (s[j] === s[i] || s[j] === '|') j++;
  if (s[j] === '&') {
    j++;
    while (j < s.length && /[0-9-]/.test(s[j]!)) j++;
  }
  return j - i;
}

/** End index of the word starting at `i`, honouring quotes, escapes, `$(...)` and backticks. */
function scanWord(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s[j]!;
    if (' \t\r\n;&|()<>'.includes(c)) break;
    if (c === '\\') j += 2;
    else if (c === "'") j = closeSingle(s, j);
    else if (c === '"') j = closeDouble(s, j);
    else if (c === '`') j = closeBacktick(s, j);
    else if (c === '$' && (s[j + 1] === '(' || s[j + 1] === '{')) j = closeGroup(s, j + 1);
    else j++;
  }
  return Math.min(j, s.length);
}

function closeSingle(s: string, j: number): number {
  const k = s.indexOf("'", j + 1);
  return k < 0 ? s.length : k + 1;
}

function closeDouble(s: string, j: number): number {
  let k = j + 1;
  while (k < s.length && s[k] !== '"') {
    if (s[k] === '\\') k += 2;
    else if (s[k] === '$' && (s[k + 1] === '(' || s[k + 1] === '{')) k = closeGroup(s, k + 1);
    else if (s[k] === '`') k = closeBacktick(s, k);
    else k++;
  }
  return Math.min(k + 1, s.length);
}

function closeBacktick(s: string, j: number): number {
  let k = j + 1;
  while (k < s.length && s[k] !== '`') k += s[k] === '\\' ? 2 : 1;
  return Math.min(k + 1, s.length);
}

/** `s[j]` is `(` or `{`; return the index past its match, skipping quoted text. */
function closeGroup(s: string, j: number): number {
  const open = s[j]!;
  const close = open === '(' ? ')' : '}';
  let level = 0;
  let k = j;
  while (k < s.length) {
    const c = s[k]!;
    if (c === '\\') k += 2;
    else if (c === "'") k = closeSingle(s, k);
    else if (c === '"') k = closeDouble(s, k);
    else {
      if (c === open) level++;
      else if (c === close && --level === 0) return k + 1;
      k++;
    }
  }
  return s.length;
}

/** Remove quoting the way the shell would, keeping `$` references as written. */
export function unquote(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '\\') {
      out += raw[i + 1] ?? '';
      i += 2;
    } else if (c === "'") {
      const k = closeSingle(raw, i);
      out += raw.slice(i + 1, raw[k - 1] === "'" && k - 1 > i ? k - 1 : k);
      i = k;
    } else if (c === '"') {
      const k = closeDouble(raw, i);
      const inner = raw.slice(i + 1, raw[k - 1] === '"' && k - 1 > i ? k - 1 : k);
      out += inner.replace(/\\([$`"\\])/g, '$1');
      i = k;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Group tokens into simple commands, dropping redirection targets and compound keywords. */
function groupCommands(tokens: Token[]): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: ShellCommand = { words: [], assignments: [], separator: '' };
  let pendingSeparator: Separator = '';
  let skipNext = false;
  const flush = (): void => {
    if (current.words.length > 0 || current.assignments.length > 0) commands.push(current);
    current = { words: [], assignments: [], separator: pendingSeparator };
  };
  for (const token of tokens) {
    if (token.kind === 'op') {
      skipNext = token.op === 'redirect';
      if (token.op === 'redirect' || token.op === 'dup') continue;
      if (token.op === '(' || token.op === ')') {
        pendingSeparator = current.words.length > 0 ? ';' : pendingSeparator;
        flush();
        continue;
      }
      pendingSeparator = token.op;
      flush();
      continue;
    }
    if (skipNext) {
      skipNext = false;
      continue;
    }
    const word = token.word;
    if (current.words.length === 0 && RESERVED.has(word.raw)) continue;
    if (current.words.length === 0 && ASSIGNMENT.test(word.raw)) {
      current.assignments.push(word);
      continue;
    }
    current.words.push(word);
  }
  flush();
  return commands;
}

/** The program name of a command without its directory (`/usr/bin/npm` -> `npm`). */
export function programOf(command: ShellCommand): string {
  const first = command.words[0]?.value ?? '';
  const slash = first.lastIndexOf('/');
  return slash >= 0 ? first.slice(slash + 1) : first;
}

/** The arguments after the program, as plain strings. */
export function argsOf(command: ShellCommand): string[] {
  return command.words.slice(1).map((w) => w.value);
}

/**
 * Whether a command carries a flag, in `--name`, `--name=value` or `--name value` form.
 * With `value`, the flag must carry that value (comma lists like `--omit=dev,optional` count).
 */
export function hasFlag(command: ShellCommand, name: string, value?: string): boolean {
  const words = command.words.map((w) => w.value);
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === name) {
      if (value === undefined) return true;
      const next = words[i + 1] ?? '';
      if (next.split(',').includes(value)) return true;
    } else if (w.startsWith(name + '=')) {
      if (value === undefined) return true;
      if (w.slice(name.length + 1).split(',').includes(value)) return true;
    }
  }
  return false;
}

/**
 * Expand `sh -c "..."` (and bash, ash, dash) into the commands of its script, so rules see what
 * really runs. Offsets inside the script are shifted to the script word, approximately when the
 * script contains escapes.
 */
export function flattenShellC(commands: ShellCommand[], depth = 0): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const command of commands) {
    const script = shellScriptOf(command);
    if (!script || depth > 4) {
      out.push(command);
      continue;
    }
    const shift = script.start + (script.raw.startsWith('"') || script.raw.startsWith("'") ? 1 : 0);
    const inner = tokenizeShell(script.value).map((c) => shiftCommand(c, shift));
    if (inner[0]) inner[0].separator = command.separator;
    out.push(...flattenShellC(inner, depth + 1));
  }
  return out;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** For `sh -c SCRIPT` (also `sh -ec`, `bash -lc`), the SCRIPT word. */
export function shellScriptOf(command: ShellCommand): ShellWord | undefined {
  if (!SHELLS.has(programOf(command))) return undefined;
  const words = command.words;
  for (let i = 1; i < words.length - 1; i++) {
    const w = words[i]!.value;
    if (/^-[a-z]*c[a-z]*$/.test(w)) return words[i + 1];
    if (!w.startsWith('-')) return undefined;
  }
  return undefined;
}

function shiftCommand(command: ShellCommand, by: number): ShellCommand {
  const shift = (w: ShellWord): ShellWord => ({ ...w, start: w.start + by, end: w.end + by });
  return {
    separator: command.separator,
    words: command.words.map(shift),
    assignments: command.assignments.map(shift),
  };
}
