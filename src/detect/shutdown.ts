/**
 * Whether the boot code calls `enableShutdownHooks()`. Without it Nest ignores SIGTERM's lifecycle:
 * onModuleDestroy and friends never run, so pools are not closed when the container stops.
 */
import type { Fact } from './profile.js';
import { lineOf, type SourceFile } from './source-file.js';

/** `sources` are the boot sources, entry first; the fact names the file holding the call. */
export function detectShutdownHooks(sources: readonly SourceFile[]): Fact<boolean> {
  for (const source of sources) {
    const at = source.code.search(/\.enableShutdownHooks\s*\(/);
    if (at !== -1) {
      return {
        value: true,
        source: source.file,
        detail: `enableShutdownHooks() at line ${lineOf(source.code, at)}`,
      };
    }
  }
  const entry = sources[0]?.file ?? 'default';
  return { value: false, source: entry, detail: 'enableShutdownHooks() not called' };
}
