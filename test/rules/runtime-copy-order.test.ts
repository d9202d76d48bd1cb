import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runtimeCopyOrder } from '../../src/rules/runtime-copy-order.js';
import { lines, lintWith, positions } from './helpers.js';

const stages = ['FROM node:22-slim AS builder', 'WORKDIR /app', 'FROM node:22-slim AS prod', 'WORKDIR /app', 'FROM node:22-slim', 'WORKDIR /app'];

test('node_modules copied after dist/ is reported at the node_modules COPY', () => {
  const text = lines(...stages, 'COPY --from=builder /app/dist ./dist', 'COPY --from=prod --chown=1000:1000 /app/node_modules ./node_modules');
  assert.deepEqual(positions(lintWith(runtimeCopyOrder, text)), [['NS110', 8, 1]]);
});

test('node_modules before dist/ passes', () => {
  const text = lines(...stages, 'COPY --from=prod /app/node_modules ./node_modules', 'COPY --from=builder /app/dist ./dist');
  assert.deepEqual(lintWith(runtimeCopyOrder, text), []);
});
