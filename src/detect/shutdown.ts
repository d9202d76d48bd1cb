/**
 * Whether the entry source calls `enableShutdownHooks()`. Without it Nest ignores SIGTERM's lifecycle:
 * onModuleDestroy and friends never run, so pools are not closed when the container stops.
 */
import type { Fact } from './profile.js';
import { lineOf, type SourceFile } from './source-file.js';

export function detectShutdownHooks(entry: SourceFile): Fact<boolean> {
  const at = entry.code.search(/\.enableShutdownHooks\s*\(/);
  return at === -1
    ? { value: false, source: entry.file, detail: 'enableShutdownHooks() not called' }
    : { value: true, source: entry.file, detail: `enableShutdownHooks() at line ${lineOf(entry.code, at)}` };
}
