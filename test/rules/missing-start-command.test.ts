import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingStartCommand } from '../../src/rules/missing-start-command.js';
import { lines, lintWith, positions } from './helpers.js';

test('a runtime stage without CMD or ENTRYPOINT is reported at its FROM', () => {
  const text = lines('FROM node:22-slim AS build', 'CMD ["node", "x.js"]', 'FROM node:22-slim', 'COPY dist ./dist');
  assert.deepEqual(positions(lintWith(missingStartCommand, text)), [['NS136', 3, 1]]);
});

test('a CMD, an ENTRYPOINT, or one inherited from a parent stage passes', () => {
  assert.deepEqual(lintWith(missingStartCommand, lines('FROM node:22-slim', 'CMD ["node", "dist/main.js"]')), []);
  assert.deepEqual(lintWith(missingStartCommand, lines('FROM node:22-slim', 'ENTRYPOINT ["node", "dist/main.js"]')), []);
  assert.deepEqual(lintWith(missingStartCommand, lines('FROM node:22-slim AS base', 'CMD ["node", "dist/main.js"]', 'FROM base', 'USER 1000')), []);
});
