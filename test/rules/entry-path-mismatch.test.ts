import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryPathMismatch } from '../../src/rules/entry-path-mismatch.js';
import { lines, lintWith, nestProfile, positions } from './helpers.js';

const profile = nestProfile();
profile.nest.entryPath = { value: 'dist/src/main.js', source: 'tsconfig.build.json' };

test('a CMD that starts another path than the build writes is reported at the path', () => {
  const text = lines('FROM node:22-slim', 'WORKDIR /app', 'CMD ["node", "--enable-source-maps", "dist/main.js"]');
  assert.deepEqual(positions(lintWith(entryPathMismatch, text, { profile })), [['NS113', 3, 38]]);
});

test('the right path passes, with or without .js and as an absolute path', () => {
  for (const cmd of ['CMD ["node", "dist/src/main"]', 'CMD ["node", "/app/dist/src/main.js"]']) {
    assert.deepEqual(lintWith(entryPathMismatch, lines('FROM node:22-slim', 'WORKDIR /app', cmd), { profile }), []);
  }
});
