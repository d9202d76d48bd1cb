import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runtimeNodeEnv } from '../../src/rules/runtime-node-env.js';
import { lines, lintWith, positions } from './helpers.js';

test('a runtime without NODE_ENV, or with another value, is reported at its FROM', () => {
  assert.deepEqual(positions(lintWith(runtimeNodeEnv, lines('FROM node:22-slim AS b', 'ENV NODE_ENV=production', 'FROM node:22-slim'))), [['NS133', 3, 1]]);
  assert.deepEqual(positions(lintWith(runtimeNodeEnv, lines('FROM node:22-slim', 'ENV NODE_ENV=development'))), [['NS133', 1, 1]]);
});

test('NODE_ENV=production in the runtime, set directly, from an ARG or inherited, passes', () => {
  assert.deepEqual(lintWith(runtimeNodeEnv, lines('FROM node:22-slim', 'ENV NODE_ENV=production', 'CMD ["node", "x.js"]')), []);
  assert.deepEqual(lintWith(runtimeNodeEnv, lines('FROM node:22-slim', 'ARG MODE=production', 'ENV NODE_ENV=${MODE}')), []);
  assert.deepEqual(lintWith(runtimeNodeEnv, lines('FROM node:22-slim AS r', 'ENV NODE_ENV=production', 'FROM r', 'USER 1000')), []);
});
