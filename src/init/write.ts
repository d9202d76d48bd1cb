/**
 * All-or-none writing. Every file first goes to a temporary file next to its target; only when all
 * of them are written are they renamed into place. If a rename fails, the files already replaced
 * get their earlier content back, so the project is never left half-initialised.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FileWrite {
  path: string;
  content: string;
  /** The content before, to restore on failure; undefined when the file did not exist. */
  previous: string | undefined;
}

export async function writeAllOrNone(root: string, writes: FileWrite[]): Promise<void> {
  const temps: string[] = [];
  const createdDirs: string[] = [];
  const tempOf = (path: string) => join(root, `${path}.nestship-${process.pid}.tmp`);

  // Step 1: every file to a temporary name; any failure removes them all and writes nothing.
  try {
    for (const write of writes) {
      const created = await mkdir(dirname(join(root, write.path)), { recursive: true });
      if (created !== undefined) createdDirs.push(created);
      const temp = tempOf(write.path);
      await writeFile(temp, write.content);
      temps.push(temp);
    }
  } catch (error) {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
    await removeDirs(createdDirs);
    throw error;
  }

  // Step 2: rename into place; on failure put back what was there before.
  const done: FileWrite[] = [];
  try {
    for (const write of writes) {
      await rename(tempOf(write.path), join(root, write.path));
      done.push(write);
    }
  } catch (error) {
    await Promise.all(writes.filter((w) => !done.includes(w)).map((w) => rm(tempOf(w.path), { force: true })));
    for (const write of done) {
      const target = join(root, write.path);
      if (write.previous === undefined) await rm(target, { force: true });
      else await writeFile(target, write.previous);
    }
    await removeDirs(createdDirs);
    throw error;
  }
}

/** Folders this write created hold nothing else; they go too, deepest first. */
async function removeDirs(dirs: string[]): Promise<void> {
  for (const dir of [...dirs].reverse()) await rm(dir, { recursive: true, force: true });
}
