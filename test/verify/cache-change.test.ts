import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meaninglessTail } from '../../src/verify/cache-experiment.js';

const lock = JSON.stringify({ name: 'app', lockfileVersion: 3, packages: {} }, null, 2);

test('a JSON lockfile keeps its meaning after the tail and parses to the same object', () => {
  const changed = lock + meaninglessTail('package-lock.json', 1_733_000_000_123_456);
  assert.deepEqual(JSON.parse(changed), JSON.parse(lock));
  assert.notEqual(changed, lock);
});

test('two runs change the lockfile to different bytes, so no run is served from an earlier one', () => {
  assert.notEqual(meaninglessTail('package-lock.json', 5), meaninglessTail('package-lock.json', 6));
  assert.notEqual(meaninglessTail('pnpm-lock.yaml', 5), meaninglessTail('pnpm-lock.yaml', 6));
});

test('YAML-like lockfiles get a comment line instead of whitespace', () => {
  assert.match(meaninglessTail('pnpm-lock.yaml', 42), /^\n# nestship verify 42\n$/);
  assert.match(meaninglessTail('yarn.lock', 42), /^\n# nestship verify 42\n$/);
});
