/**
 * `nestship init` as a user runs it: a process on a scratch copy of a fixture project. Re-runs,
 * dry runs, conflicts, --force, saved options, all-or-none writes and each kind of bad input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const repo = join(import.meta.dirname, '../..');
const fixtures = join(repo, 'test/fixtures/projects');
let scratch = '';

before(async () => {
  assert.ok(existsSync(join(repo, 'dist/cli/main.js')), 'run `npm run build` first (npm test does)');
  scratch = await mkdtemp(join(tmpdir(), 'nestship-init-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

let copies = 0;
async function copyOf(fixture: string): Promise<string> {
  const dir = join(scratch, `${fixture}-${(copies += 1)}`);
  await cp(join(fixtures, fixture), dir, { recursive: true });
  return dir;
}

function nestship(...args: string[]): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(repo, 'bin/nestship.js'), 'init', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** Every file under a folder with its content, to prove a run changed nothing. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path, 'utf8'));
  }
  return files;
}

function statusLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => /^\s*(create|identical|update|conflict|keep|overwrite)\s{2}\S/.test(line))
    .map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '));
}

describe('nestship init', () => {
  test('prints what it detected with the source file, then one status line per file', async () => {
    const dir = await copyOf('npm-prisma7');
    const run = nestship(dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /package manager\s+npm\s+\(package-lock\.json/);
    assert.match(run.stdout, /prisma schema\s+prisma\/schema\.prisma/);
    assert.deepEqual(statusLines(run.stdout), [
      'create Dockerfile',
      'create .dockerignore',
      'keep tsconfig.build.json',
      'create Dockerfile.local',
      'create compose.yaml',
      'update package.json',
    ]);
  });

  test('a second run changes nothing, byte for byte, and reports every file identical', async () => {
    const dir = await copyOf('npm-prisma7');
    assert.equal(nestship(dir).code, 0);
    const first = await snapshot(dir);
    const again = nestship(dir);
    assert.equal(again.code, 0, again.stderr);
    assert.ok(statusLines(again.stdout).every((line) => /^(identical|keep) /.test(line)), again.stdout);
    assert.deepEqual(await snapshot(dir), first);
  });

  test('--dry-run prints unified diffs and writes nothing', async () => {
    const dir = await copyOf('npm-prisma7');
    const before = await snapshot(dir);
    const run = nestship(dir, '--dry-run', '--k8s');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^--- \/dev\/null\n\+\+\+ b\/Dockerfile/m);
    assert.match(run.stdout, /^\+\+\+ b\/k8s\/deployment\.yaml/m);
    assert.match(run.stdout, /^\+    "migration:run": "prisma migrate deploy"/m);
    assert.deepEqual(await snapshot(dir), before);
  });

  test('a file the user changed is a conflict: nothing is written and the exit code is 2', async () => {
    const dir = await copyOf('npm-basic');
    assert.equal(nestship(dir).code, 0);
    await writeFile(join(dir, 'Dockerfile'), `${await readFile(join(dir, 'Dockerfile'), 'utf8')}# mine\n`);
    const before = await snapshot(dir);
    const run = nestship(dir, '--k8s');
    assert.equal(run.code, 2);
    assert.deepEqual(statusLines(run.stdout).filter((l) => l.startsWith('conflict')), ['conflict Dockerfile']);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /Dockerfile: changed since nestship wrote it; nothing was written/);
    assert.deepEqual(await snapshot(dir), before, 'no k8s files, no new .nestship.json');
  });

  test('a Dockerfile nestship never wrote is a conflict too', async () => {
    const dir = await copyOf('npm-basic');
    await writeFile(join(dir, 'Dockerfile'), 'FROM node:22-slim\n');
    const run = nestship(dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Dockerfile: exists and was not written by nestship/);
    assert.equal(existsSync(join(dir, 'compose.yaml')), false);
  });

  test('--force overwrites a changed file and records it as nestship output again', async () => {
    const dir = await copyOf('npm-basic');
    assert.equal(nestship(dir).code, 0);
    const original = await readFile(join(dir, 'Dockerfile'), 'utf8');
    await writeFile(join(dir, 'Dockerfile'), `${original}# mine\n`);
    const run = nestship(dir, '--force');
    assert.equal(run.code, 0, run.stderr);
    assert.ok(statusLines(run.stdout).includes('overwrite Dockerfile'), run.stdout);
    assert.equal(await readFile(join(dir, 'Dockerfile'), 'utf8'), original);
    assert.ok(statusLines(nestship(dir).stdout).includes('identical Dockerfile'));
  });

  test('a file nestship wrote and the user left alone is updated when the output changes', async () => {
    const dir = await copyOf('npm-basic');
    assert.equal(nestship(dir).code, 0);
    const run = nestship(dir, '--port', '9090');
    assert.equal(run.code, 0, run.stderr);
    assert.ok(statusLines(run.stdout).includes('update Dockerfile'), run.stdout);
    assert.match(await readFile(join(dir, 'Dockerfile'), 'utf8'), /^ARG PORT=9090$/m);
  });

  test('options are saved in .nestship.json, other keys kept, and re-used without flags', async () => {
    const dir = await copyOf('npm-prisma7');
    await writeFile(join(dir, '.nestship.json'), '{\n  "check": { "ignore": ["NS101"] }\n}\n');
    assert.equal(nestship(dir, '--k8s', '--ci', 'github', '--base', 'slim', '--port', '8081').code, 0);
    const state = JSON.parse(await readFile(join(dir, '.nestship.json'), 'utf8'));
    assert.deepEqual(state.check, { ignore: ['NS101'] });
    assert.deepEqual(state.init.options, { base: 'slim', ci: 'github', k8s: true, port: 8081 });
    const written = await snapshot(dir);
    const again = nestship(dir);
    assert.equal(again.code, 0, again.stderr);
    assert.ok(statusLines(again.stdout).includes('identical k8s/deployment.yaml'), again.stdout);
    assert.ok(statusLines(again.stdout).includes('identical .github/workflows/container.yml'));
    assert.deepEqual(await snapshot(dir), written);
  });

  test('writes all files or none: a failure on one leaves the project untouched', async () => {
    const dir = await copyOf('npm-prisma7');
    await writeFile(join(dir, 'k8s'), 'a file where init needs a folder\n');
    const before = await snapshot(dir);
    const run = nestship(dir, '--k8s');
    assert.notEqual(run.code, 0);
    assert.deepEqual(await snapshot(dir), before);
    assert.deepEqual((await readdir(dir)).filter((name) => name.includes('.tmp')), []);
  });

  test('writes tsconfig.build.json only when the project has none, keeping its entry path', async () => {
    const dir = await copyOf('npm-basic');
    await unlink(join(dir, 'tsconfig.build.json'));
    const run = nestship(dir);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(statusLines(run.stdout).includes('create tsconfig.build.json'), run.stdout);
    const config = JSON.parse(await readFile(join(dir, 'tsconfig.build.json'), 'utf8'));
    assert.equal(config.extends, './tsconfig.json');
    assert.match(await readFile(join(dir, 'Dockerfile'), 'utf8'), /^CMD \["node", "dist\/main\.js"\]$/m);
    const again = nestship(dir);
    assert.ok(statusLines(again.stdout).every((line) => line.startsWith('identical ')), again.stdout);
  });

  test('keeps package.json formatting when it adds migration:run', async () => {
    const dir = await copyOf('npm-prisma7');
    const original = await readFile(join(dir, 'package.json'), 'utf8');
    const tabbed = JSON.stringify(JSON.parse(original), null, '\t');
    await writeFile(join(dir, 'package.json'), tabbed);
    assert.equal(nestship(dir).code, 0);
    const after = await readFile(join(dir, 'package.json'), 'utf8');
    const lines = (text: string) => text.split('\n').map((line) => line.replace(/,$/, ''));
    assert.deepEqual(lines(after).filter((line) => !line.includes('migration:run')), lines(tabbed));
    assert.match(after, /^\t\t"migration:run": "prisma migrate deploy"$/m);
  });
});

describe('bad input: one line naming the file, exit code 2, nothing written', () => {
  const cases: [string, (dir: string) => Promise<void>, RegExp][] = [
    ['no package.json', (dir) => unlink(join(dir, 'package.json')), /^nestship: package\.json: no package\.json/],
    [
      'not a NestJS project',
      (dir) => writeFile(join(dir, 'package.json'), '{ "name": "x", "dependencies": { "express": "^5.0.0" } }\n'),
      /^nestship: package\.json: not a NestJS project/,
    ],
    ['no lockfile', (dir) => unlink(join(dir, 'package-lock.json')), /^nestship: package\.json: no lockfile/],
    ['unparsable JSON', (dir) => writeFile(join(dir, 'package.json'), '{ "name": '), /^nestship: package\.json: invalid JSON/],
    [
      'an unknown package manager',
      async (dir) => {
        const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
        await writeFile(join(dir, 'package.json'), JSON.stringify({ ...manifest, packageManager: 'deno@2.0.0' }));
      },
      /^nestship: package\.json: unknown package manager "deno"/,
    ],
    ['an entry file that does not exist', (dir) => unlink(join(dir, 'src/main.ts')), /^nestship: nest-cli\.json: entry file src\/main\.ts does not exist/],
    ['unreadable .nestship.json', (dir) => writeFile(join(dir, '.nestship.json'), '{'), /^nestship: \.nestship\.json: cannot read/],
  ];
  for (const [name, breakIt, message] of cases) {
    test(name, async () => {
      const dir = await copyOf('npm-basic');
      await breakIt(dir);
      const before = await snapshot(dir);
      const run = nestship(dir);
      assert.equal(run.code, 2);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
      assert.deepEqual(await snapshot(dir), before);
    });
  }
});
