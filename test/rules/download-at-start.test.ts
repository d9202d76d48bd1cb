import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downloadAtStart } from '../../src/rules/download-at-start.js';
import { lines, lintWith, positions } from './helpers.js';

test('npx and pnpm dlx in the start command are reported at the runner', () => {
  const text = lines('FROM node:22-slim', 'CMD ["sh", "-c", "pnpm dlx prisma migrate deploy; npx --yes serve dist"]');
  assert.deepEqual(positions(lintWith(downloadAtStart, text)), [['NS128', 2, 19], ['NS128', 2, 51]]);
});

test('npx during the build and node at start pass', () => {
  assert.deepEqual(lintWith(downloadAtStart, lines('FROM node:22-slim', 'RUN npx prisma generate', 'CMD ["node", "dist/main.js"]')), []);
});
