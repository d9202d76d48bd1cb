/** Comment wrapping shared by the Dockerfile and YAML writers. */

/** Wraps text at `width` columns, every line starting with `# `; newlines start new lines. */
export function commentLines(text: string, width = 100): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '#';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line.length + 1 + word.length > width && line !== '#') {
        lines.push(line);
        line = '#';
      }
      line += ` ${word}`;
    }
    lines.push(line);
  }
  return lines;
}
