/**
 * The port the service listens on: the literal, or the fallback after `process.env.PORT`, given to
 * `app.listen` in the boot sources, followed through a constant or a config property. Without one,
 * Nest's and the guide's 3000.
 */
import type { Fact } from './profile.js';
import { findCalls, lineOf, resolveArgument, type SourceFile } from './source-file.js';

export const DEFAULT_PORT = 3000;

/** `sources` are the boot sources, entry first. */
export function detectPort(sources: readonly SourceFile[]): Fact<number> {
  for (const source of sources) {
    for (const call of findCalls(source.code, /\.listen/)) {
      const first = call.args[0];
      if (first === undefined) continue;
      const port = portIn(resolveArgument(first, sources));
      if (port !== undefined) {
        return {
          value: port,
          source: source.file,
          detail: `app.listen at line ${lineOf(source.code, call.offset)}`,
        };
      }
    }
  }
  return { value: DEFAULT_PORT, source: 'default', detail: 'no port literal in the boot sources' };
}

/**
 * `3000`, `process.env.PORT ?? 3000`, `parseInt(process.env.PORT || '3000', 10)`,
 * `config.get('PORT', 3000)`, `readInteger(env, 'PORT', 3000)`: the number that reads as the port.
 */
function portIn(expression: string): number | undefined {
  const bare = /^\d{2,5}$/.exec(expression.trim());
  const fallback =
    /(?:\?\?|\|\|)\s*['"`]?(\d{2,5})\b/.exec(expression) ??
    /['"`]PORT['"`]\s*,\s*['"`]?(\d{2,5})\b/.exec(expression);
  const text = bare?.[0] ?? fallback?.[1];
  if (text === undefined) return undefined;
  const port = Number(text);
  return port > 0 && port < 65536 ? port : undefined;
}
