import { DockerfileParser } from 'dockerfile-ast';
import type { Finding } from '../findings.js';

/**
 * Inline pragmas in the Dockerfile, after hadolint's:
 *
 *   # nestship ignore=NS104,NS110          the next instruction only
 *   # nestship stage ignore=NS120          from here to the end of the stage
 *   # nestship global ignore=NS201         the whole check, project-file findings included
 *
 * The comment lines are scanned in the raw text rather than taken from the parser: dockerfile-ast reads
 * a `# key=value` comment on the first lines as a parser directive (like `# syntax=`), so a pragma at
 * the top of the file would vanish from its comment list. Only instruction positions come from the
 * parser, because continuations and heredocs decide where an instruction ends.
 */
export type PragmaScope = 'next' | 'stage' | 'global';

export interface Pragma {
  scope: PragmaScope;
  ids: string[];
  /** 1-based line of the comment. */
  line: number;
  /** 1-based lines the pragma covers; undefined for global. */
  from?: number;
  to?: number;
}

const PRAGMA = /^\s*#\s*nestship\s+(?:(global|stage)\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]*?)\s*$/;

export function parsePragmas(text: string): Pragma[] {
  const lines = text.split(/\r\n|\r|\n/);
  const instructions = instructionSpans(text);
  const stageStarts = instructions
    .filter((span) => span.keyword === 'FROM')
    .map((span) => span.start);
  const pragmas: Pragma[] = [];

  lines.forEach((raw, index) => {
    const match = PRAGMA.exec(raw);
    if (!match) return;
    const line = index + 1;
    // A line inside an instruction (a heredoc body, a continued RUN) is data, not a pragma.
    if (instructions.some((span) => line > span.start && line <= span.end)) return;
    const ids = (match[2] ?? '')
      .split(/[\s,]+/)
      .map((id) => id.trim().toUpperCase())
      .filter(Boolean);
    const scope: PragmaScope = (match[1] as PragmaScope | undefined) ?? 'next';
    if (scope === 'global') {
      pragmas.push({ scope, ids, line });
      return;
    }
    const next = instructions.find((span) => span.start > line);
    if (!next) return; // a pragma after the last instruction covers nothing
    if (scope === 'next') {
      // Only comments or blank lines may stand between the pragma and its instruction.
      const between = lines.slice(line, next.start - 1);
      if (between.some((text) => text.trim() !== '' && !text.trim().startsWith('#'))) return;
      pragmas.push({ scope, ids, line, from: next.start, to: next.end });
      return;
    }
    // A stage pragma runs to the line before the next FROM that follows its first instruction, so one
    // written just above a FROM covers that whole stage.
    const nextStage = stageStarts.find((start) => start > next.start);
    pragmas.push({
      scope,
      ids,
      line,
      from: line,
      to: nextStage === undefined ? lines.length : nextStage - 1,
    });
  });
  return pragmas;
}

/** Whether a pragma silences a finding. `dockerfile` is the project-relative Dockerfile path. */
export function isSuppressed(
  finding: Finding,
  pragmas: readonly Pragma[],
  dockerfile: string,
): boolean {
  return pragmas.some((pragma) => {
    if (!pragma.ids.includes(finding.id)) return false;
    if (pragma.scope === 'global') return true;
    const { file, line } = finding.location;
    if (file !== dockerfile || line === undefined) return false;
    return line >= (pragma.from ?? 0) && line <= (pragma.to ?? 0);
  });
}

/** Every instruction's keyword and 1-based first and last line. */
function instructionSpans(text: string): Array<{ keyword: string; start: number; end: number }> {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((instruction) => {
      const range = instruction.getRange();
      return {
        keyword: instruction.getKeyword().toUpperCase(),
        start: range.start.line + 1,
        end: range.end.line + 1,
      };
    });
}
