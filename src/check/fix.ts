import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Finding, TextEdit } from '../findings.js';

/** What `--fix` changed, or would change under `--dry-run`, in one file. */
export interface FileFix {
  /** Project-relative path. */
  file: string;
  before: string;
  after: string;
  /** The findings whose edits were applied. */
  fixed: Finding[];
  /** Findings whose edits overlapped an earlier fix; a second `--fix` run picks them up. */
  skipped: Finding[];
}

/**
 * Apply the findings' edits to each file's text. A finding's edits go in all together or not at all;
 * a finding whose edits overlap one already taken is skipped, because two rewrites of the same span
 * cannot both be right. Edits are applied bottom-up so earlier offsets stay valid.
 */
export function planFixes(
  findings: readonly Finding[],
  readText: (file: string) => string,
): FileFix[] {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!finding.fix || finding.fix.length === 0) continue;
    const list = byFile.get(finding.location.file) ?? [];
    list.push(finding);
    byFile.set(finding.location.file, list);
  }

  const plans: FileFix[] = [];
  for (const [file, candidates] of byFile) {
    const before = readText(file);
    const starts = lineStarts(before);
    const taken: Array<[number, number]> = [];
    const edits: Array<{ start: number; end: number; text: string }> = [];
    const fixed: Finding[] = [];
    const skipped: Finding[] = [];

    for (const finding of candidates) {
      const spans = finding.fix!.map((edit) => ({
        ...toOffsets(edit, starts, before.length),
        text: edit.text,
      }));
      const clashes = spans.some((span) =>
        taken.some(([s, e]) => overlaps(span.start, span.end, s, e)),
      );
      const selfClash = spans.some((a, i) =>
        spans.some((b, j) => i < j && overlaps(a.start, a.end, b.start, b.end)),
      );
      if (clashes || selfClash) {
        skipped.push(finding);
        continue;
      }
      for (const span of spans) taken.push([span.start, span.end]);
      edits.push(...spans);
      fixed.push(finding);
    }

    let after = before;
    for (const edit of edits.sort((a, b) => b.start - a.start)) {
      after = after.slice(0, edit.start) + edit.text + after.slice(edit.end);
    }
    if (after !== before) plans.push({ file, before, after, fixed, skipped });
  }
  return plans;
}

/**
 * Write every planned file or none: each new text goes to a temporary file beside its target first,
 * then the renames happen, so a failure part-way never leaves a half-written Dockerfile.
 */
export function writeFixes(root: string, plans: readonly FileFix[]): void {
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const plan of plans) {
      // Through a symlink to the file it names: renaming over the link would replace the link.
      const target = realpathSync(join(root, plan.file));
      const temp = join(
        dirname(target),
        `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`,
      );
      // The rename replaces the file, so the new one must keep the old one's permissions (set
      // after writing, since the umask would trim a mode passed to the write).
      writeFileSync(temp, plan.after);
      chmodSync(temp, statSync(target).mode & 0o7777);
      staged.push({ temp, target });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, target } of staged) renameSync(temp, target);
}

export function readProjectFile(root: string): (file: string) => string {
  return (file) => readFileSync(join(root, file), 'utf8');
}

/**
 * Two spans overlap when they share a character. Two insertions at the same point also clash, since
 * their order would be a guess.
 */
function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aStart === aEnd && bStart === bEnd) return aStart === bStart;
  return aStart < bEnd && bStart < aEnd;
}

/**
 * Offsets at which each line starts. Lines break at `\r\n`, `\r` and `\n`, as in dockerfile-ast,
 * so the rules' positions and these offsets agree.
 */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

/** 1-based line/column (end exclusive) to string offsets, clamped to the text. */
function toOffsets(
  edit: TextEdit,
  starts: number[],
  length: number,
): { start: number; end: number } {
  const at = (line: number, column: number): number => {
    const lineStart = starts[Math.min(Math.max(line, 1), starts.length) - 1] ?? length;
    return Math.min(lineStart + Math.max(column, 1) - 1, length);
  };
  const start = at(edit.line, edit.column);
  return { start, end: Math.max(start, at(edit.endLine, edit.endColumn)) };
}
