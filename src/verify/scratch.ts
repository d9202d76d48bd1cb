/**
 * A scratch copy of the build context for the cache experiment, so the user's tree is never
 * touched. Files are hard links (instant, no extra disk), and a file is only ever changed after its
 * link is replaced by a private copy. Where links cannot be made (another filesystem), files are
 * copied.
 */
import { copyFile, link, lstat, mkdir, mkdtemp, readdir, readFile, readlink, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Mirrors `source` into a new directory under `parent`; returns its path. Top-level names that the
 * context's .dockerignore excludes outright (`node_modules`, `dist`, `.git`) never reach a build,
 * so they are left out: linking a local node_modules costs seconds and proves nothing.
 */
export async function scratchCopy(source: string, parent: string): Promise<string> {
  const target = await mkdtemp(join(parent, 'nestship-context-'));
  await mirror(source, target, await ignoredTopLevel(source));
  return target;
}

/** Plain names (no wildcard, no negation anywhere in the file) from the context's .dockerignore. */
async function ignoredTopLevel(source: string): Promise<Set<string>> {
  const text = await readFile(join(source, '.dockerignore'), 'utf8').catch(() => '');
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  // A `!pattern` can re-include something under an ignored name: then copy everything.
  if (lines.some((l) => l.startsWith('!'))) return new Set();
  return new Set(
    lines.map((l) => l.replace(/^\.?\//, '').replace(/\/+$/, '')).filter((l) => /^[\w.-]+$/.test(l) && l !== '.'),
  );
}

async function mirror(from: string, to: string, skip: Set<string> = new Set()): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory()) {
      await mkdir(dst);
      await mirror(src, dst);
    } else if (entry.isSymbolicLink()) {
      await symlink(await readlink(src), dst);
    } else if (entry.isFile()) {
      await link(src, dst).catch(() => copyFile(src, dst));
    }
  }
}

/** Changes a file in the scratch copy only: breaks the hard link, then writes the new bytes. */
export async function changeFile(path: string, change: (before: Buffer) => Buffer | string): Promise<void> {
  const before = await readFile(path);
  const mode = (await lstat(path)).mode;
  await unlink(path);
  await writeFile(path, change(before), { mode });
}
