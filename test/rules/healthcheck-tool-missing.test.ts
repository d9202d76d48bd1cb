import assert from 'node:assert/strict';
import { test } from 'node:test';
import { healthcheckToolMissing } from '../../src/rules/healthcheck-tool-missing.js';
import { lines, lintWith, positions } from './helpers.js';

test('curl on alpine and wget on slim are reported at the tool', () => {
  const alpine = lines('FROM node:22-alpine', 'HEALTHCHECK --interval=10s CMD curl -f http://localhost:3000/health || exit 1');
  assert.deepEqual(positions(lintWith(healthcheckToolMissing, alpine)), [['NS120', 2, 32]]);
  const slim = lines('FROM node:22-slim AS base', 'FROM base', 'HEALTHCHECK CMD ["wget", "-qO-", "http://localhost:3000/"]');
  assert.deepEqual(positions(lintWith(healthcheckToolMissing, slim)), [['NS120', 3, 18]]);
});

test('busybox wget on alpine, an installed curl and node checks pass', () => {
  assert.deepEqual(lintWith(healthcheckToolMissing, lines('FROM node:22-alpine', 'HEALTHCHECK CMD wget -qO- http://localhost:3000/')), []);
  assert.deepEqual(lintWith(healthcheckToolMissing, lines('FROM node:22-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends curl', 'HEALTHCHECK CMD curl -f http://localhost/')), []);
  assert.deepEqual(lintWith(healthcheckToolMissing, lines('FROM node:22-slim', 'HEALTHCHECK CMD ["node", "-e", "fetch(1)"]')), []);
});
