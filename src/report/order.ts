import { relative, resolve, sep } from 'node:path';
import { SEVERITY_RANK, type Finding, type Severity } from '../findings.js';

/**
 * Every formatter shows findings in the same order, so two runs over the same tree print the same bytes
 * and a diff of two reports shows only what changed: by file, then position, then id.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(a.location.file, b.location.file) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0) ||
      compareText(a.location.jsonPath ?? '', b.location.jsonPath ?? '') ||
      compareText(a.id, b.id) ||
      compareText(a.message, b.message),
  );
}

/** Code-unit comparison rather than localeCompare: the order must not depend on the machine's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** Severities from the most to the least serious, for summaries. */
export const SEVERITIES_DESC: readonly Severity[] = (Object.keys(SEVERITY_RANK) as Severity[]).sort(
  (a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a],
);

/** `Dockerfile:12:5`, `package.json (scripts.start)` or just the file, for the human formats. */
export function describeLocation(finding: Finding): string {
  const { file, line, column, jsonPath } = finding.location;
  let where = file;
  if (line !== undefined) where += `:${line}:${column ?? 1}`;
  if (jsonPath !== undefined) where += ` (${jsonPath})`;
  return where;
}

/** `a=1, b=2 MB` for measured figures; the order is the producer's. */
export function describeFigures(figures: Record<string, number | string | boolean>): string {
  return Object.entries(figures)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
}

/**
 * The directory report paths are written against. CI services place annotations and code-scanning
 * alerts by the path inside the repository checkout, so when the checkout (GITHUB_WORKSPACE) holds the
 * project, paths are re-rooted onto it; otherwise they stay relative to the project.
 */
export function pathBase(root: string, workspace: string | undefined): string {
  if (!workspace) return root;
  const inside = relative(resolve(workspace), resolve(root));
  return inside.startsWith('..') || resolve(inside) === inside ? root : resolve(workspace);
}

/** A finding's file relative to `base`, with forward slashes. */
export function pathFrom(base: string, root: string, file: string): string {
  const rel = relative(base, resolve(root, file));
  return rel.split(sep).join('/');
}
