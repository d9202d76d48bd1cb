import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readManifest } from '../../src/detect/manifest.js';
import { detectNodeVersion } from '../../src/detect/node-version.js';
import { assertNestshipError, fixture, manifestWith, projectTree } from './project-tree.js';

async function detect(root: string) {
  return detectNodeVersion(root, await readManifest(root));
}

test("without engines, .nvmrc, .node-version or volta the guide's 22 is the default", async () => {
  const node = await detect(fixture('npm-basic'));
  assert.equal(node.value, 22);
  assert.equal(node.source, 'default');
});

test('.nvmrc pins the major', async () => {
  assert.deepEqual(await detect(fixture('npm-prisma6')), {
    value: 20,
    source: '.nvmrc',
    detail: '20',
  });
});

test('.node-version with a leading v pins the major', async () => {
  assert.deepEqual(await detect(fixture('pnpm-prisma7')), {
    value: 22,
    source: '.node-version',
    detail: 'v22.20.0',
  });
});

test('volta.node in package.json pins the major', async () => {
  const node = await detect(fixture('yarn-berry-prisma6'));
  assert.equal(node.value, 22);
  assert.equal(node.source, 'package.json');
  assert.equal(node.detail, 'volta.node 22.20.0');
});

test('engines.node ranges pick the best supported major inside them', async (t) => {
  const cases: Array<[string, number]> = [
    ['>=22', 22],
    ['>=18', 22],
    ['^20.11.0', 20],
    ['20.x', 20],
    ['>=24', 24],
    ['18.x || 20.x', 20],
    ['~22.11', 22],
  ];
  for (const [range, expected] of cases) {
    const root = projectTree(t, { 'package.json': manifestWith({ engines: { node: range } }) });
    const node = await detect(root);
    assert.equal(node.value, expected, `engines.node ${range}`);
    assert.equal(node.source, 'package.json');
    assert.equal(node.detail, `engines.node ${range}`);
  }
});

test('an exact pin wins over an engines range', async (t) => {
  const root = projectTree(t, {
    '.nvmrc': 'v24.1.0\n',
    'package.json': manifestWith({ engines: { node: '>=20' } }),
  });
  assert.deepEqual(await detect(root), { value: 24, source: '.nvmrc', detail: 'v24.1.0' });
});

test('nvm LTS code names map to their majors', async (t) => {
  const root = projectTree(t, { '.nvmrc': 'lts/iron\n' });
  assert.equal((await detect(root)).value, 20);
});

test('lts/* says nothing exact, so engines or the default decide', async (t) => {
  const root = projectTree(t, { '.nvmrc': 'lts/*\n' });
  assert.equal((await detect(root)).source, 'default');
});

test('an unreadable .nvmrc names the file', async (t) => {
  const root = projectTree(t, { '.nvmrc': 'latest-please\n' });
  await assertNestshipError(() => detect(root), {
    file: '.nvmrc',
    message: /cannot read a Node\.js version/,
  });
});

test('an invalid engines.node range names package.json', async (t) => {
  const root = projectTree(t, {
    'package.json': manifestWith({ engines: { node: 'twenty-two' } }),
  });
  await assertNestshipError(() => detect(root), {
    file: 'package.json',
    message: /not a valid semver range/,
  });
});
