/**
 * Lint a Dockerfile string with the real rules, optionally with project files kept in memory.
 */
import type { Profile } from '../../src/detect/profile.js';
import type { Finding } from '../../src/findings.js';
import { buildRuleContext, lintProject, type Rule } from '../../src/rules/index.js';

export { nestProfile, prisma7 } from '../init/profiles.js';

/** A Dockerfile from lines, so tests can count lines at a glance. */
export function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}

export interface LintOptions {
  dockerignore?: string;
  profile?: Profile;
  /** Project files by relative path. */
  files?: Record<string, string>;
}

/** Findings of one rule on a Dockerfile text. */
export function lintWith(rule: Rule, text: string, options: LintOptions = {}): Finding[] {
  return lintProject(context(text, options), [rule]);
}

/** Findings of all rules on a Dockerfile text. */
export function lintAll(text: string, options: LintOptions = {}): Finding[] {
  return lintProject(context(text, options));
}

function context(text: string, options: LintOptions) {
  return buildRuleContext({
    root: '/project',
    text,
    dockerignoreText: options.dockerignore,
    profile: options.profile,
    readFile: (rel) => options.files?.[rel],
  });
}

/** `[id, line, column]` triples, the shape rule tests assert on. */
export function positions(findings: Finding[]): [string, number | undefined, number | undefined][] {
  return findings.map((f) => [f.id, f.location.line, f.location.column]);
}

/** Apply a finding's text edits to the text (for fix tests). */
export function applyFix(text: string, finding: Finding): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number) =>
    lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const edits = [...(finding.fix ?? [])].sort((a, b) => offset(b.line, b.column) - offset(a.line, a.column));
  let out = text;
  for (const e of edits) {
    out = out.slice(0, offset(e.line, e.column)) + e.text + out.slice(offset(e.endLine, e.endColumn));
  }
  return out;
}
