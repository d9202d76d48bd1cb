import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyFlattensFolder } from '../../src/rules/copy-flattens-folder.js';
import { lines, lintWith, positions } from './helpers.js';

test('COPY prisma . and COPY src ./ are reported at the arguments', () => {
  const text = lines('FROM node:22-slim', 'WORKDIR /app', 'COPY prisma .', 'COPY ./src/ ./');
  assert.deepEqual(positions(lintWith(copyFlattensFolder, text)), [['NS135', 3, 6], ['NS135', 4, 6]]);
});

test('copying a folder to its own name, files to the workdir, or from a stage passes', () => {
  const text = lines('FROM node:22-slim AS b', 'WORKDIR /app', 'COPY prisma ./prisma', 'COPY package.json .', 'COPY --from=b /app/src .');
  assert.deepEqual(lintWith(copyFlattensFolder, text), []);
});
