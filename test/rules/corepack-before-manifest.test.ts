import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corepackBeforeManifest } from '../../src/rules/corepack-before-manifest.js';
import { lines, lintWith, positions } from './helpers.js';

test('pnpm through corepack before package.json is copied is reported at pnpm', () => {
  const text = lines('FROM node:22-slim AS base', 'RUN corepack enable && pnpm --version', 'FROM base', 'RUN pnpm config set store-dir /pnpm');
  assert.deepEqual(positions(lintWith(corepackBeforeManifest, text)), [['NS126', 2, 24], ['NS126', 4, 5]]);
});

test('copying package.json first, or pinning the version, passes', () => {
  assert.deepEqual(lintWith(corepackBeforeManifest, lines('FROM node:22-slim', 'RUN corepack enable', 'COPY package.json pnpm-lock.yaml ./', 'RUN pnpm install --frozen-lockfile')), []);
  assert.deepEqual(lintWith(corepackBeforeManifest, lines('FROM node:22-slim', 'RUN corepack enable && corepack prepare pnpm@9.12.0 --activate && pnpm -v')), []);
});
