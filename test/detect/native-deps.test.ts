import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLockfile } from '../../src/detect/lockfile.js';
import { readManifest } from '../../src/detect/manifest.js';
import { chooseBase, detectNativeDependencies } from '../../src/detect/native-deps.js';
import type { Fact, NativeFacts } from '../../src/detect/profile.js';
import { fixture, minimalProject, projectTree } from './project-tree.js';

async function detect(root: string, lockfile = 'package-lock.json') {
  return detectNativeDependencies(await readManifest(root), await readLockfile(root, lockfile));
}

const NODE_22: Fact<number> = { value: 22, source: 'default' };
const NONE: NativeFacts = { packages: { value: [], source: 'package.json' } };

/** A package-lock.json with extra packages next to @nestjs/core. */
function lockWith(packages: Record<string, object>): object {
  const base = minimalProject()['package-lock.json'] as { packages: Record<string, object> };
  return { ...base, packages: { ...base.packages, ...packages } };
}

test('argon2 in dependencies is native and selects node:22-slim', async () => {
  const native = await detect(fixture('npm-prisma7'));
  assert.deepEqual(native.packages, { value: ['argon2'], source: 'package.json' });
  const base = chooseBase(native, NODE_22);
  assert.deepEqual(base.family, {
    value: 'slim',
    source: 'package.json',
    detail: 'native: argon2',
  });
  assert.equal(base.image.value, 'node:22-slim');
});

test("bcrypt and sharp are on the known list; Prisma's install scripts are not native", async () => {
  assert.deepEqual((await detect(fixture('npm-prisma6'))).packages.value, ['bcrypt']);
  assert.deepEqual((await detect(fixture('yarn-classic-basic'), 'yarn.lock')).packages.value, [
    'sharp',
  ]);
});

test("@nestjs/core's postinstall does not count, so a plain project stays on the guide's alpine", async () => {
  const native = await detect(fixture('npm-rootdir-inferred'));
  assert.deepEqual(native.packages, {
    value: [],
    source: 'package-lock.json',
    detail: 'no known native package or install script',
  });
  const base = chooseBase(native, { value: 20, source: 'package.json' });
  assert.deepEqual(base.family, {
    value: 'alpine',
    source: 'default',
    detail: 'no native dependencies',
  });
  assert.deepEqual(base.image, {
    value: 'node:20-alpine',
    source: 'default',
    detail: 'node 20 from package.json',
  });
});

test('a transitive runtime package with an install script is found in the lockfile', async (t) => {
  const root = projectTree(t, {
    'package-lock.json': lockWith({
      'node_modules/@acme/native-hash': { version: '2.0.1', hasInstallScript: true },
      'node_modules/jest-native-helper': { version: '1.0.0', hasInstallScript: true, dev: true },
      'node_modules/esbuild': { version: '0.25.0', hasInstallScript: true, dev: true },
    }),
  });
  const native = await detect(root);
  assert.deepEqual(native.packages, {
    value: ['@acme/native-hash'],
    source: 'package-lock.json',
    detail: '@acme/native-hash from package-lock.json',
  });
});

test('a known native package pulled in transitively counts even without an install-script flag', async (t) => {
  const root = projectTree(t, {
    'package-lock.json': lockWith({ 'node_modules/better-sqlite3': { version: '12.4.1' } }),
  });
  assert.deepEqual((await detect(root)).packages.value, ['better-sqlite3']);
});

test('--base slim and --base alpine choose the family with the detected Node major', () => {
  const slim = chooseBase(NONE, { value: 20, source: '.nvmrc' }, 'slim');
  assert.deepEqual(slim.family, { value: 'slim', source: '--base' });
  assert.equal(slim.image.value, 'node:20-slim');
  const alpine = chooseBase(
    { packages: { value: ['bcrypt'], source: 'package.json' } },
    NODE_22,
    'alpine',
  );
  assert.equal(alpine.image.value, 'node:22-alpine');
});

test('--base with an image reference uses it and guesses the family from the tag', () => {
  const bookworm = chooseBase(NONE, NODE_22, 'node:22-bookworm-slim');
  assert.deepEqual(bookworm.image, { value: 'node:22-bookworm-slim', source: '--base' });
  assert.equal(bookworm.family.value, 'slim');
  const mirrored = chooseBase(
    NONE,
    NODE_22,
    'registry.example.com:5000/library/node:22-alpine3.21',
  );
  assert.equal(mirrored.family.value, 'alpine');
  assert.equal(
    mirrored.family.detail,
    'guessed from registry.example.com:5000/library/node:22-alpine3.21',
  );
  const pinned = chooseBase(NONE, NODE_22, 'node@sha256:0123abcd');
  assert.equal(pinned.family.value, 'slim');
});
