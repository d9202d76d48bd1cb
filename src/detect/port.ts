/**
 * The port the service listens on: the literal, or the fallback after `process.env.PORT`, given to
 * `app.listen` in the entry source. Without one, Nest's and the guide's 3000.
 */
import type { Fact } from './profile.js';
import { findCalls, initialiserOf, lineOf, type SourceFile } from './source-file.js';

export const DEFAULT_PORT = 3000;

export function detectPort(entry: SourceFile): Fact<number> {
  for (const call of findCalls(entry.code, /\.listen/)) {
    const first = call.args[0];
    if (first === undefined) continue;
    // A bare name (`port`) is followed to its initialiser.
    const expression = /^[A-Za-z_$][\w$]*$/.test(first) ? (initialiserOf(entry.code, first) ?? first) : first;
    const port = portIn(expression);
    if (port !== undefined) {
      return { value: port, source: entry.file, detail: `app.listen at line ${lineOf(entry.code, call.offset)}` };
    }
  }
  return { value: DEFAULT_PORT, source: 'default', detail: 'no port literal in the entry source' };
}

/**
 * `3000`, `process.env.PORT ?? 3000`, `parseInt(process.env.PORT || '3000', 10)`,
 * `config.get('PORT', 3000)`: the first number that reads as a port.
 */
function portIn(expression: string): number | undefined {
  const bare = /^\d{2,5}$/.exec(expression.trim());
  const fallback =
    /(?:\?\?|\|\|)\s*['"`]?(\d{2,5})\b/.exec(expression) ?? /['"`]PORT['"`]\s*,\s*['"`]?(\d{2,5})\b/.exec(expression);
  const text = bare?.[0] ?? fallback?.[1];
  if (text === undefined) return undefined;
  const port = Number(text);
  return port > 0 && port < 65536 ? port : undefined;
}
