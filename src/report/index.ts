import type { Report } from '../findings.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatPretty } from './pretty.js';
import { formatSarif } from './sarif.js';

/**
 * The reporters shared by `check` and `verify`. Findings are data until they reach this module; here
 * they become text for a person (pretty), a script (json), a code-scanning service (sarif) or a CI
 * runner (github).
 */
export const FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatOptions {
  /** Colour for the pretty format; decide it with `shouldColor(stream)`. */
  color?: boolean;
  /**
   * The repository checkout that SARIF and GitHub paths are written against when it holds the project
   * (the CLI passes GITHUB_WORKSPACE).
   */
  workspace?: string;
}

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export function formatReport(report: Report, format: Format, options: FormatOptions = {}): string {
  switch (format) {
    case 'pretty':
      return formatPretty(report, { color: options.color ?? false });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options.workspace ? { workspace: options.workspace } : {});
    case 'github':
      return formatGithub(report, options.workspace ? { workspace: options.workspace } : {});
  }
}

export { shouldColor } from './color.js';
export { toJsonReport, type JsonReport } from './json.js';
export { toSarif } from './sarif.js';
export { escapeData, escapeProperty } from './github.js';
