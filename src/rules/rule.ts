/**
 * The shape of a rule and the helpers that turn a position into a Finding. Findings are data: the
 * message is one sentence specific to the occurrence; the words around it belong to src/report.
 */
import type { Finding, RuleMeta, TextEdit } from '../findings.js';
import type { Span } from '../dockerfile/model.js';
import type { RuleContext } from './context.js';

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Finding[];
}

/** A finding at a span of the Dockerfile. */
export function atDockerfile(
  ctx: RuleContext,
  meta: RuleMeta,
  span: Span,
  message: string,
  fix?: TextEdit[],
): Finding {
  const finding: Finding = {
    id: meta.id,
    severity: meta.severity,
    message,
    location: {
      file: ctx.dockerfilePath,
      line: span.line,
      column: span.column,
      endLine: span.endLine,
      endColumn: span.endColumn,
    },
  };
  if (fix) finding.fix = fix;
  return finding;
}

/** A finding about another project file, at a JSON path or a line when known. */
export function atFile(
  meta: RuleMeta,
  file: string,
  message: string,
  where: { jsonPath?: string; line?: number; column?: number } = {},
): Finding {
  return { id: meta.id, severity: meta.severity, message, location: { file, ...where } };
}

/** A text edit replacing a span. */
export function replaceSpan(span: Span, text: string): TextEdit {
  return { line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn, text };
}
