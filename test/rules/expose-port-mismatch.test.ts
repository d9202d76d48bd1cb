import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exposePortMismatch } from '../../src/rules/expose-port-mismatch.js';
import { lines, lintWith, positions } from './helpers.js';

test('EXPOSE of another port than PORT is reported at the ports', () => {
  const text = lines('FROM node:22-slim', 'ARG PORT=8080', 'ENV PORT=${PORT}', 'EXPOSE 3000/tcp');
  assert.deepEqual(positions(lintWith(exposePortMismatch, text)), [['NS127', 4, 8]]);
});

test('EXPOSE ${PORT} resolved through ARG and ENV passes', () => {
  const text = lines('FROM node:22-slim', 'ARG PORT=3000', 'ENV PORT=${PORT}', 'EXPOSE ${PORT}');
  assert.deepEqual(lintWith(exposePortMismatch, text), []);
});
