import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyFromUnknownStage } from '../../src/rules/copy-from-unknown-stage.js';
import { lines, lintWith, positions } from './helpers.js';

test('a misspelt stage and a later stage are reported at the flag', () => {
  const text = lines('FROM node:22-slim AS builder', 'FROM node:22-slim', 'COPY --chown=1:1 --from=buidler /a /b', 'COPY --from=later /a /b', 'FROM node:22 AS later');
  assert.deepEqual(positions(lintWith(copyFromUnknownStage, text)), [['NS130', 3, 18], ['NS130', 4, 6]]);
});

test('earlier stages by name or index, and image references, pass', () => {
  const text = lines('FROM node:22-slim AS builder', 'FROM node:22-slim', 'COPY --from=BUILDER /a /b', 'COPY --from=0 /a /b', 'COPY --from=node:22 /usr/local/bin/node /x');
  assert.deepEqual(lintWith(copyFromUnknownStage, text), []);
});
