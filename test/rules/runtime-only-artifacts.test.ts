import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runtimeOnlyArtifacts } from '../../src/rules/runtime-only-artifacts.js';
import { lines, lintWith, positions } from './helpers.js';

test('the whole context or the builder\'s whole app folder in the runtime is reported', () => {
  const text = lines(
    'FROM node:22-slim AS builder',
    'WORKDIR /usr/src/app',
    'FROM node:22-slim',
    'WORKDIR /usr/src/app',
    'COPY --from=builder /usr/src/app ./',
    'COPY . .',
  );
  assert.deepEqual(positions(lintWith(runtimeOnlyArtifacts, text)), [['NS105', 5, 1], ['NS105', 6, 1]]);
});

test('copying artefacts by path passes', () => {
  const text = lines('FROM node:22-slim AS builder', 'WORKDIR /app', 'FROM node:22-slim', 'COPY --from=builder /app/dist ./dist', 'COPY package.json ./');
  assert.deepEqual(lintWith(runtimeOnlyArtifacts, text), []);
});
