import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nonRootUser } from '../../src/rules/non-root-user.js';
import { lines, lintWith, positions } from './helpers.js';

test('a runtime stage without USER is reported at its FROM', () => {
  const text = lines('FROM node:22-slim AS build', 'USER node', 'FROM node:22-slim', 'CMD ["node", "dist/main.js"]');
  assert.deepEqual(positions(lintWith(nonRootUser, text)), [['NS107', 3, 1]]);
});

test('USER root and USER 0 are reported at the user', () => {
  assert.deepEqual(positions(lintWith(nonRootUser, lines('FROM node:22-slim', 'USER root'))), [['NS107', 2, 6]]);
  assert.deepEqual(positions(lintWith(nonRootUser, lines('FROM node:22-slim', 'USER 0:0'))), [['NS107', 2, 6]]);
});

test('a non-root user, also inherited from a parent stage, passes', () => {
  assert.deepEqual(lintWith(nonRootUser, lines('FROM node:22-slim', 'USER 1000:1000')), []);
  assert.deepEqual(lintWith(nonRootUser, lines('FROM node:22-slim AS base', 'USER node', 'FROM base', 'CMD ["node", "x.js"]')), []);
  assert.deepEqual(lintWith(nonRootUser, lines('FROM gcr.io/distroless/nodejs22-debian12:nonroot', 'CMD ["dist/main.js"]')), []);
});
