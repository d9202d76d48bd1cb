/**
 * `.dockerignore` matching as the builder does it: patterns are anchored at the context root, `*`
 * and `?` stay inside one path segment, `**` crosses segments, `!` re-includes, the last matching
 * pattern wins, and a pattern that matches a directory excludes everything below it.
 */

export interface IgnorePattern {
  /** 1-based line in `.dockerignore`. */
  line: number;
  pattern: string;
  negated: boolean;
  regex: RegExp;
}

export function parseDockerignore(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  text.split(/\r\n|\r|\n/).forEach((rawLine, i) => {
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const negated = trimmed.startsWith('!');
    const body = cleanPattern(negated ? trimmed.slice(1).trim() : trimmed);
    if (body === '') return;
    patterns.push({ line: i + 1, pattern: body, negated, regex: patternRegex(body) });
  });
  return patterns;
}

/** Like Go's filepath.Clean on a relative pattern: no leading `/` or `./`, no trailing `/`. */
function cleanPattern(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** Longer lines are no real pattern; matching nothing keeps the regex engine within its limits. */
const MAX_PATTERN = 1024;
const NOTHING = /(?!)/;

function patternRegex(pattern: string): RegExp {
  if (pattern.length > MAX_PATTERN) return NOTHING;
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` matches anything.
      if (pattern[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRegex(pattern[++i]!);
    } else re += escapeRegex(c);
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    // A malformed class: a pattern the builder would reject matches nothing here.
    return NOTHING;
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whether a context-relative path is left out of the build context. */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
  const clean = cleanPattern(path);
  const prefixes = clean.split('/').map((_, i, all) => all.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const p of patterns) {
    if (prefixes.some((prefix) => p.regex.test(prefix))) ignored = !p.negated;
  }
  return ignored;
}
