/**
 * Our own variable expander. dockerfile-ast expands one level only, so `ENV PORT=${PORT}` after
 * `ARG PORT=3000` stays literal there. Docker expands each ARG/ENV value when it is declared, so
 * resolving declarations in order with this function gives the value every later step sees.
 *
 * Build arguments given on the command line are not known here, so ARG defaults stand in for them.
 *
 * Supported forms: `$X`, `${X}`, `${X:-word}`, `${X-word}`, `${X:+word}`, `${X+word}`, with `word`
 * itself expanded (nested references) and the escape character protecting a `$`.
 */

/** Values in scope: `undefined` = declared without a value (an ARG with no default). */
export type Scope = ReadonlyMap<string, string | undefined>;

/** Nesting deeper than this is left literal: it keeps pathological input linear. */
const MAX_DEPTH = 16;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Expand every variable reference in `text` from `scope`; unknown variables expand to ''. */
export function expand(text: string, scope: Scope, escapeChar = '\\'): string {
  return expandAt(text, scope, escapeChar, 0);
}

function expandAt(text: string, scope: Scope, esc: string, depth: number): string {
  if (depth > MAX_DEPTH || !text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    // An escaped dollar stays a literal dollar (the escape is dropped, as Docker does).
    if (ch === esc && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const braced = text[i + 1] === '{';
    if (!braced) {
      const m = NAME.exec(text.slice(i + 1, i + 257));
      if (!m) {
        out += '$';
        i++;
        continue;
      }
      out += scope.get(m[0]) ?? '';
      i += 1 + m[0].length;
      continue;
    }
    const close = matchingBrace(text, i + 2);
    if (close < 0) {
      // An unterminated `${` is kept literally, as the builder would reject it anyway.
      out += text.slice(i);
      break;
    }
    out += expandBraced(text.slice(i + 2, close), scope, esc, depth);
    i = close + 1;
  }
  return out;
}

/** Index of the `}` closing a `${` whose body starts at `from`, honouring nested `${...}`. */
function matchingBrace(text: string, from: number): number {
  let level = 0;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '$' && text[j + 1] === '{') {
      level++;
      j++;
    } else if (c === '}') {
      if (level === 0) return j;
      level--;
    }
  }
  return -1;
}

function expandBraced(body: string, scope: Scope, esc: string, depth: number): string {
  const m = NAME.exec(body);
  if (!m) return '';
  const name = m[0];
  const rest = body.slice(name.length);
  const value = scope.get(name);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  const word = (w: string): string => expandAt(w, scope, esc, depth + 1);
  if (rest === '') return value ?? '';
  if (rest.startsWith(':-')) return nonEmpty ? value! : word(rest.slice(2));
  if (rest.startsWith('-')) return set ? value! : word(rest.slice(1));
  if (rest.startsWith(':+')) return nonEmpty ? word(rest.slice(2)) : '';
  if (rest.startsWith('+')) return set ? word(rest.slice(1)) : '';
  // Other modifiers (`?`, `#`, `%`) are rare in Dockerfiles; the plain value is the best guess.
  return value ?? '';
}
