import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectRegistryAuth } from '../../src/detect/registry-auth.js';
import { fixture, projectTree } from './project-tree.js';

test('an .npmrc with _authToken=${NPM_TOKEN} is registry auth', async () => {
  assert.deepEqual(await detectRegistryAuth(fixture('npm-private-registry')), {
    value: '.npmrc',
    source: '.npmrc',
    detail: '_authToken from an environment variable',
  });
});

test('a project without an .npmrc has no registry auth', async () => {
  assert.equal(await detectRegistryAuth(fixture('npm-basic')), undefined);
});

test('_auth with a literal credential counts', async (t) => {
  const root = projectTree(t, {
    '.npmrc': 'registry=https://npm.example.dev/\n_auth=dXNlcjpwYXNz\n',
  });
  assert.deepEqual(await detectRegistryAuth(root), {
    value: '.npmrc',
    source: '.npmrc',
    detail: '_auth',
  });
});

test('an .npmrc with only settings or commented tokens is not auth', async (t) => {
  const root = projectTree(t, {
    '.npmrc': 'engine-strict=true\n# //npm.example.dev/:_authToken=${NPM_TOKEN}\n; _auth=abc\n',
  });
  assert.equal(await detectRegistryAuth(root), undefined);
});

test("yarn berry's npmAuthToken in .yarnrc.yml counts", async (t) => {
  const root = projectTree(t, {
    '.yarnrc.yml':
      'nodeLinker: node-modules\nnpmScopes:\n  acme:\n    npmAuthToken: "${NPM_TOKEN}"\n',
  });
  assert.deepEqual(await detectRegistryAuth(root), {
    value: '.yarnrc.yml',
    source: '.yarnrc.yml',
    detail: 'npmAuthToken',
  });
});
