import { createColors } from 'picocolors';
import type { Finding, Report, Severity } from '../findings.js';
import {
  countBySeverity,
  describeFigures,
  describeLocation,
  SEVERITIES_DESC,
  sortFindings,
} from './order.js';

type Colors = ReturnType<typeof createColors>;

/**
 * The human format: one block per file, one line per finding as `file:line:col  ID  severity  message`
 * (the location first so terminals and editors make it clickable), then verify's passes and figures,
 * then a one-line summary.
 */
export function formatPretty(report: Report, options: { color: boolean }): string {
  const c = createColors(options.color);
  const out: string[] = [];

  // Group by file; sortFindings already orders by file, so a change of file starts a block.
  const findings = sortFindings(report.findings);
  const width = {
    where: Math.max(0, ...findings.map((f) => describeLocation(f).length)),
    id: Math.max(0, ...findings.map((f) => f.id.length)),
  };
  let file: string | undefined;
  for (const finding of findings) {
    if (finding.location.file !== file) {
      if (file !== undefined) out.push('');
      file = finding.location.file;
      out.push(c.underline(file));
    }
    out.push(findingLine(finding, width, c));
  }

  // verify proves things as well as finding faults: show what passed, with what it measured.
  if (report.passes.length > 0) {
    if (out.length > 0) out.push('');
    for (const pass of report.passes) {
      const figures = pass.figures ? c.dim(`  (${describeFigures(pass.figures)})`) : '';
      out.push(`${c.green('pass')}  ${c.dim(pass.id)}  ${pass.message}${figures}`);
    }
  }
  if (report.figures && Object.keys(report.figures).length > 0) {
    if (out.length > 0) out.push('');
    out.push(c.bold('figures'));
    for (const [key, value] of Object.entries(report.figures))
      out.push(`  ${key}: ${String(value)}`);
  }

  if (out.length > 0) out.push('');
  out.push(summaryLine(report, c));
  return `${out.join('\n')}\n`;
}

function findingLine(finding: Finding, width: { where: number; id: number }, c: Colors): string {
  const where = describeLocation(finding).padEnd(width.where);
  const id = finding.id.padEnd(width.id);
  const severity = paintSeverity(finding.severity, finding.severity.padEnd(7), c);
  const figures = finding.figures ? c.dim(`  (${describeFigures(finding.figures)})`) : '';
  const fixable = finding.fix && finding.fix.length > 0 ? c.dim('  [fixable]') : '';
  return `  ${c.dim(where)}  ${c.bold(id)}  ${severity}  ${finding.message}${figures}${fixable}`;
}

function paintSeverity(severity: Severity, text: string, c: Colors): string {
  if (severity === 'error') return c.red(text);
  if (severity === 'warning') return c.yellow(text);
  return c.blue(text);
}

/** `2 problems (1 error, 1 warning, 0 info)` or `no problems`, plus the passes when verify ran. */
function summaryLine(report: Report, c: Colors): string {
  const counts = countBySeverity(report.findings);
  const total = report.findings.length;
  const parts = SEVERITIES_DESC.map((severity) => {
    const n = counts[severity];
    const label = severity === 'info' ? 'info' : `${severity}${n === 1 ? '' : 's'}`;
    return `${n} ${label}`;
  });
  const passes = report.tool === 'verify' ? `, ${report.passes.length} passed` : '';
  if (total === 0) return c.green(`no problems${passes}`);
  const headline = `${total} problem${total === 1 ? '' : 's'}`;
  const paint = counts.error > 0 ? c.red : counts.warning > 0 ? c.yellow : c.blue;
  return `${paint(headline)} (${parts.join(', ')})${passes}`;
}
