/**
 * Offsets <-> positions. dockerfile-ast reports 0-based ranges and breaks lines at `\r\n`, `\r` and
 * `\n`; this index uses the same breaks so offsets computed here match its ranges.
 */
import type { Span } from './model.js';

export interface ZeroRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\r') {
        if (text[i + 1] === '\n') i++;
        this.starts.push(i + 1);
      } else if (c === '\n') {
        this.starts.push(i + 1);
      }
    }
  }

  /** Offset of a 0-based line/character, clamped into the text. */
  offsetAt(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, line)]!;
    return Math.min(start + Math.max(0, character), this.text.length);
  }

  /** 1-based line and column of an offset. */
  positionAt(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** A span between two offsets. */
  span(start: number, end: number): Span {
    const a = this.positionAt(start);
    const b = this.positionAt(end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** Convert a dockerfile-ast range to a 1-based span. */
export function spanOfRange(range: ZeroRange): Span {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}
