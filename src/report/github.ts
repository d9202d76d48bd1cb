import type { Finding, Report, Severity } from '../findings.js';
import { pathBase, pathFrom, sortFindings } from './order.js';

/**
 * GitHub Actions workflow commands: one `::error file=...,line=...,col=...,title=ID::message` line per
 * finding, which the runner turns into annotations on the pull request. Paths must be relative to the
 * repository checkout, so when GITHUB_WORKSPACE is known the project's paths are re-rooted onto it.
 */
const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

export function formatGithub(report: Report, options: { workspace?: string } = {}): string {
  const names = new Map(report.rules.map((rule) => [rule.id, rule.name]));
  const base = pathBase(report.root, options.workspace);
  const lines = sortFindings(report.findings).map((finding) =>
    annotation(finding, names.get(finding.id), pathFrom(base, report.root, finding.location.file)),
  );
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function annotation(finding: Finding, name: string | undefined, file: string): string {
  const { line, column, endLine, endColumn, jsonPath } = finding.location;
  const properties: Array<[string, string | number | undefined]> = [
    ['file', file],
    ['line', line],
    ['col', line === undefined ? undefined : column],
    ['endLine', line === undefined ? undefined : endLine],
    // GitHub only honours endColumn on single-line annotations.
    ['endColumn', line !== undefined && (endLine ?? line) === line ? endColumn : undefined],
    ['title', name ? `${finding.id} ${name}` : finding.id],
  ];
  const props = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  const message = jsonPath === undefined ? finding.message : `${finding.message} (${jsonPath})`;
  return `::${COMMAND[finding.severity]} ${props}::${escapeData(message)}`;
}

/** The runner's escaping for the message part of a command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `,` and `:`, so those are escaped too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
