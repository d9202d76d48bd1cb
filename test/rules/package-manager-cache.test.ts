import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packageManagerCache } from '../../src/rules/package-manager-cache.js';
import { lines, lintWith, positions } from './helpers.js';

test('an install without a cache mount or clean-up is reported at the install', () => {
  const text = lines('FROM node:22-slim', 'RUN npm ci --omit=dev', 'RUN corepack enable && pnpm install --frozen-lockfile');
  assert.deepEqual(positions(lintWith(packageManagerCache, text)), [['NS124', 2, 5], ['NS124', 3, 24]]);
});

test('a cache mount or a cache clean in the same RUN passes', () => {
  const text = lines(
    'FROM node:22-slim',
    'RUN --mount=type=cache,target=/root/.npm npm ci',
    'RUN npm ci --omit=dev && npm cache clean --force',
    'RUN yarn install --frozen-lockfile && rm -rf /usr/local/share/.cache/yarn',
  );
  assert.deepEqual(lintWith(packageManagerCache, text), []);
});
