/**
 * Golden folders: init runs on a scratch copy of every fixture project, and every file it writes
 * must equal test/init/goldens/<project>/. `npm run goldens` (NESTSHIP_UPDATE_GOLDENS=1) re-captures
 * them on purpose; review the diff before committing it.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { init, type InitOptions, type InitResult } from '../../src/init/index.js';

const here = import.meta.dirname;
const projects = join(here, '../fixtures/projects');
const goldens = join(here, 'goldens');
const update = process.env.NESTSHIP_UPDATE_GOLDENS === '1';

/** Fixtures that also exercise the flags; the rest run with none. */
const OPTIONS: Record<string, InitOptions> = {
  'npm-prisma7': { ci: 'github', k8s: true },
  'npm-basic': { base: 'slim', port: 8080 },
  'npm-private-registry': { ci: 'github' },
};

const names = (await readdir(projects, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const scratch = await mkdtemp(join(tmpdir(), 'nestship-golden-'));
after(() => rm(scratch, { recursive: true, force: true }));
const results = new Map<string, InitResult>();

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

describe('init on every fixture project', () => {
  for (const name of names) {
    test(`${name}: every written file equals its golden`, async () => {
      const copy = join(scratch, name);
      await cp(join(projects, name), copy, { recursive: true });
      const result = await init(copy, OPTIONS[name] ?? {});
      results.set(name, result);
      assert.equal(result.conflicts.length, 0, 'a fresh fixture has no conflicts');
      const written = [...result.files.filter((f) => f.write).map((f) => f.path), '.nestship.json'].sort();
      const golden = join(goldens, name);
      if (update) {
        await rm(golden, { recursive: true, force: true });
        for (const path of written) {
          await mkdir(dirname(join(golden, path)), { recursive: true });
          await writeFile(join(golden, path), await readFile(join(copy, path)));
        }
      }
      assert.deepEqual(written, await filesUnder(golden), 'init writes exactly the golden files');
      for (const path of written) {
        assert.equal(await readFile(join(copy, path), 'utf8'), await readFile(join(golden, path), 'utf8'), path);
      }
    });

    test(`${name}: a second run without flags changes nothing`, async () => {
      const copy = join(scratch, name);
      const again = await init(copy);
      assert.equal(again.written, false);
      assert.deepEqual(
        again.files.filter((f) => f.status !== 'identical' && f.status !== 'keep').map((f) => `${f.status} ${f.path}`),
        [],
      );
    });
  }
});

test('the fixtures cover npm, pnpm, yarn and bun; no Prisma, 6 and 7; standard and monorepo; CJS and ESM', () => {
  const profiles = [...results.values()].map((r) => r.profile);
  assert.equal(profiles.length, names.length, 'every fixture was initialised');
  const managers = new Set(profiles.map((p) => p.packageManager.name.value.replace(/-.*/, '')));
  assert.deepEqual([...managers].sort(), ['bun', 'npm', 'pnpm', 'yarn']);
  const prisma = new Set(profiles.map((p) => p.prisma?.major.value ?? 0));
  for (const major of [0, 6, 7]) assert.ok(prisma.has(major), `a fixture with Prisma ${major || 'absent'}`);
  assert.deepEqual(new Set(profiles.map((p) => p.nest.monorepo.value)), new Set([false, true]));
  assert.deepEqual(new Set(profiles.map((p) => p.nest.moduleSystem.value)), new Set(['cjs', 'esm']));
});
