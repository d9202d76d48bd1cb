import { pathToFileURL } from 'node:url';
import type { Finding, Pass, Report, RuleMeta, Severity } from '../findings.js';
import { pathBase, pathFrom, sortFindings } from './order.js';
import { toolIdentity } from './tool.js';

/**
 * SARIF 2.1.0 (OASIS), the format code-scanning services ingest. One run; the driver lists the FULL rule
 * catalogue that ran, not only the rules that fired, so a viewer can explain any id; results point at
 * it by `ruleIndex`. Paths are relative to the `SRCROOT` base, whose absolute URI is recorded in
 * `originalUriBaseIds`: the project directory, or the repository checkout that holds it when one is
 * given (GitHub code scanning places alerts by the path inside the repository).
 */
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const ROOT_BASE_ID = 'SRCROOT';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export function toSarif(report: Report, options: { workspace?: string } = {}): object {
  const tool = toolIdentity();
  const base = pathBase(report.root, options.workspace);
  const uriOf = (file: string) => encodeRelativeUri(pathFrom(base, report.root, file));
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: report.rules.map(toReportingDescriptor),
          },
        },
        originalUriBaseIds: {
          [ROOT_BASE_ID]: { uri: directoryUri(base) },
        },
        // dockerfile-ast counts columns in UTF-16 code units, as JavaScript strings do.
        columnKind: 'utf16CodeUnits',
        results: [
          ...sortFindings(report.findings).map((finding) => toResult(finding, ruleIndex, uriOf)),
          ...report.passes.map((pass) => toPassResult(pass, ruleIndex)),
        ],
        ...(report.figures ? { properties: { figures: report.figures } } : {}),
      },
    ],
  };
}

export function formatSarif(report: Report, options: { workspace?: string } = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}

function toReportingDescriptor(rule: RuleMeta): object {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.why },
    help: {
      text: `${rule.summary}\n\n${rule.why}\n\nFix: ${rule.fix}`,
      markdown: `**${rule.summary}**\n\n${rule.why}\n\n**Fix:** ${rule.fix}`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
  };
}

function toResult(
  finding: Finding,
  ruleIndex: Map<string, number>,
  uriOf: (file: string) => string,
): object {
  const index = ruleIndex.get(finding.id);
  return {
    ruleId: finding.id,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [toLocation(finding, uriOf(finding.location.file))],
    ...(finding.figures ? { properties: { figures: finding.figures } } : {}),
  };
}

/** verify's passes are results too: SARIF has `kind: pass` for a check that held. */
function toPassResult(pass: Pass, ruleIndex: Map<string, number>): object {
  const index = ruleIndex.get(pass.id);
  return {
    ruleId: pass.id,
    ...(index === undefined ? {} : { ruleIndex: index }),
    kind: 'pass',
    level: 'none',
    message: { text: pass.message },
    ...(pass.figures ? { properties: { figures: pass.figures } } : {}),
  };
}

/**
 * A text position becomes a region with real columns. A finding in a JSON file (package.json,
 * nest-cli.json) still names its file, and its JSON path becomes a logical location.
 */
function toLocation(finding: Finding, uri: string): object {
  const { line, column, endLine, endColumn, jsonPath } = finding.location;
  const region =
    line === undefined
      ? undefined
      : {
          startLine: line,
          startColumn: column ?? 1,
          endLine: endLine ?? line,
          ...(endColumn === undefined ? {} : { endColumn }),
        };
  return {
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: ROOT_BASE_ID },
      ...(region ? { region } : {}),
    },
    ...(jsonPath === undefined
      ? {}
      : { logicalLocations: [{ fullyQualifiedName: jsonPath, kind: 'member' }] }),
  };
}

/** A relative URI reference: each path segment percent-encoded, the slashes kept. */
function encodeRelativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** SARIF wants base URIs to end with a slash, or the last segment would be dropped when resolving. */
function directoryUri(root: string): string {
  const uri = pathToFileURL(root).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}
