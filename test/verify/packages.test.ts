// Files of the runtime node_modules charged to the package folder that holds them, with the same
// install paths as package-lock.json's `packages` keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FinalFile } from '../../src/verify/layers.js';
import { installedPackages, installPathOf, topLevelSizes } from '../../src/verify/packages.js';

test('install paths follow nested and scoped node_modules folders', () => {
  assert.equal(installPathOf('node_modules/rxjs/dist/index.js'), 'node_modules/rxjs');
  assert.equal(installPathOf('node_modules/@nestjs/core/index.js'), 'node_modules/@nestjs/core');
  assert.equal(
    installPathOf('node_modules/a/node_modules/@s/b/lib/x.js'),
    'node_modules/a/node_modules/@s/b',
  );
  assert.equal(installPathOf('node_modules/.bin/tsc'), undefined);
  assert.equal(installPathOf('dist/main.js'), undefined);
});

test('package sizes add up per package and per top-level package', () => {
  const file = (path: string, size: number): FinalFile => ({ path, type: 'file', size, mode: 0o644, uid: 0, layer: 3 });
  const packages = installedPackages(
    [
      file('/app/node_modules/a/index.js', 100),
      file('/app/node_modules/a/node_modules/b/index.js', 50),
      file('/app/node_modules/@s/c/index.js', 7),
      file('/app/dist/main.js', 1000),
    ],
    '/app',
  );
  assert.deepEqual([...packages.keys()].sort(), ['node_modules/@s/c', 'node_modules/a', 'node_modules/a/node_modules/b']);
  assert.deepEqual(Object.fromEntries(topLevelSizes(packages.values())), { a: 150, '@s/c': 7 });
});
