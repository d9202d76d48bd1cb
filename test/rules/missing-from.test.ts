import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingFrom } from '../../src/rules/missing-from.js';
import { lines, lintWith, positions } from './helpers.js';

test('instructions without any FROM are reported at the first one', () => {
  assert.deepEqual(positions(lintWith(missingFrom, lines('# app', 'WORKDIR /app', 'RUN npm ci'))), [['NS002', 2, 1]]);
});

test('a file with FROM passes, and an empty file is left to NS001', () => {
  assert.deepEqual(lintWith(missingFrom, lines('FROM node:22-slim', 'RUN npm ci')), []);
  assert.deepEqual(lintWith(missingFrom, ''), []);
});
