import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLockfile } from '../../src/detect/lockfile.js';
import { assertNestshipError, fixture, projectTree } from './project-tree.js';

test('package-lock.json gives direct versions, dev flags and install scripts', async () => {
  const lock = await readLockfile(fixture('npm-prisma7'), 'package-lock.json');
  assert.equal(lock.versionOf('prisma'), '7.10.1');
  assert.equal(lock.versionOf('@nestjs/core'), '12.5.1');
  const argon2 = lock.packages.find((locked) => locked.name === 'argon2');
  assert.deepEqual(argon2 && { dev: argon2.dev, installScript: argon2.installScript }, {
    dev: false,
    installScript: true,
  });
  const typescript = lock.packages.find((locked) => locked.name === 'typescript');
  assert.equal(typescript?.dev, true);
});

test('pnpm-lock.yaml gives direct versions without the peer suffix', async () => {
  const lock = await readLockfile(fixture('pnpm-prisma7'), 'pnpm-lock.yaml');
  assert.equal(lock.versionOf('@nestjs/core'), '12.5.1');
  assert.equal(lock.versionOf('@prisma/client'), '7.10.0');
  assert.ok(
    lock.packages.some(
      (locked) => locked.name === '@prisma/adapter-pg' && locked.version === '7.10.1',
    ),
  );
});

test('a yarn classic lockfile matches a direct dependency by its declared range', async () => {
  const lock = await readLockfile(fixture('yarn-classic-basic'), 'yarn.lock');
  const version = lock.versionOf('sharp', '^0.34.4');
  assert.match(version ?? '', /^0\.34\.\d+$/);
});

test('a yarn berry lockfile matches npm: ranges', async () => {
  const lock = await readLockfile(fixture('yarn-berry-prisma6'), 'yarn.lock');
  assert.equal(lock.versionOf('prisma', '^6.19.0'), '6.19.3');
});

test('bun.lock is read as JSONC with trailing commas', async () => {
  const lock = await readLockfile(fixture('bun-basic'), 'bun.lock');
  assert.match(lock.versionOf('@nestjs/core') ?? '', /^11\.\d+\.\d+$/);
  assert.ok(lock.packages.length > 100);
});

test('pnpm lockfiles before v9 mark packages that build with requiresBuild', async (t) => {
  const root = projectTree(t, {
    'pnpm-lock.yaml': `lockfileVersion: '6.0'

dependencies:
  bcrypt:
    specifier: ^5.1.1
    version: 5.1.1

packages:

  /bcrypt@5.1.1:
    resolution: {integrity: sha512-AGBHOG5hPYZ5Xl9KXzU5iKq9516yEmvCKDg3ecP5kX2aB6UqTeXZxk2ELnDgDm6BQSMlLt9rDB4LoSMx0rYwww==}
    engines: {node: '>= 10.0.0'}
    requiresBuild: true
    dev: false
`,
  });
  const lock = await readLockfile(root, 'pnpm-lock.yaml');
  assert.equal(lock.versionOf('bcrypt'), '5.1.1');
  assert.deepEqual(lock.packages, [
    { name: 'bcrypt', version: '5.1.1', dev: false, installScript: true },
  ]);
});

test('bun.lockb is binary and yields no versions', async (t) => {
  const root = projectTree(t, { 'bun.lockb': '\u0000\u0001binary' });
  const lock = await readLockfile(root, 'bun.lockb');
  assert.deepEqual(lock.packages, []);
  assert.equal(lock.versionOf('prisma'), undefined);
});

test('a package-lock.json that is not JSON names the file and position', async (t) => {
  const root = projectTree(t, {
    'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n}',
  });
  await assertNestshipError(() => readLockfile(root, 'package-lock.json'), {
    file: 'package-lock.json',
    message: /invalid JSON at line 4, column 2/,
  });
});
