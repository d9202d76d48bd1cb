// Fixture projects for the verify tests: the shared fixture app (a tiny Nest service with its
// lockfile) with one fixture folder laid over it (a Dockerfile, and any file the fault needs), in
// a temp dir the test removes. Sharing one app and lockfile lets BuildKit's cache serve the
// dependency steps to every fixture after the first.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Copies the shared app and the named overlay folders (later ones win) into a fresh temp dir. */
export async function fixtureProject(t: TestContext, ...overlays: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nestship-verify-fixture-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await cp(join(FIXTURES, 'app'), dir, { recursive: true });
  for (const overlay of overlays) await cp(join(FIXTURES, overlay), dir, { recursive: true });
  return dir;
}

/** Labels every image verify builds in a test, so a leak is swept with the others. */
export const TEST_LABELS = { 'nestship.test': '1' };
