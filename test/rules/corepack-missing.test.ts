import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corepackMissing } from '../../src/rules/corepack-missing.js';
import { lines, lintWith, positions } from './helpers.js';

test('corepack on node 25 is reported at the corepack command', () => {
  assert.deepEqual(positions(lintWith(corepackMissing, lines('FROM node:25-slim', 'RUN corepack enable'))), [['NS131', 2, 5]]);
});

test('corepack on node 22, or installed first on node 25, passes', () => {
  assert.deepEqual(lintWith(corepackMissing, lines('FROM node:22-slim', 'RUN corepack enable')), []);
  assert.deepEqual(lintWith(corepackMissing, lines('FROM node:26-slim', 'RUN npm install -g corepack@latest && corepack enable')), []);
});
