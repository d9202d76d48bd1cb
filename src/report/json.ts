import type { Finding, Pass, Report } from '../findings.js';
import { countBySeverity, sortFindings, type SeverityCounts } from './order.js';
import { toolIdentity } from './tool.js';

/**
 * The JSON format, version 1. Its shape is a contract for scripts (`nestship check --format json | jq`):
 * fields are only ever added, never renamed or removed, without raising `schemaVersion`.
 *
 * - `findings` are sorted by file, line, column and id, and carry the rule's kebab-case `name`.
 *   `location.file` is relative to `root` with forward slashes; `line`/`column` are 1-based and present
 *   for positions in text files; `jsonPath` is present for positions in JSON files such as package.json.
 * - `fix` lists the edits `--fix` would apply (1-based, end exclusive).
 * - `passes` and `figures` are what verify proved and measured; check leaves them empty.
 */
export interface JsonReport {
  schemaVersion: 1;
  tool: { name: string; version: string; command: Report['tool'] };
  root: string;
  summary: SeverityCounts & { findings: number; passes: number };
  findings: Array<Finding & { name?: string }>;
  passes: Pass[];
  figures: Record<string, number | string | boolean>;
}

export function toJsonReport(report: Report): JsonReport {
  const names = new Map(report.rules.map((rule) => [rule.id, rule.name]));
  const { name, version } = toolIdentity();
  return {
    schemaVersion: 1,
    tool: { name, version, command: report.tool },
    root: report.root,
    summary: {
      ...countBySeverity(report.findings),
      findings: report.findings.length,
      passes: report.passes.length,
    },
    findings: sortFindings(report.findings).map((finding) => {
      const ruleName = names.get(finding.id);
      return ruleName === undefined ? finding : { ...finding, name: ruleName };
    }),
    passes: report.passes,
    figures: report.figures ?? {},
  };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
