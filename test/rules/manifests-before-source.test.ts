import assert from 'node:assert/strict';
import { test } from 'node:test';
import { manifestsBeforeSource } from '../../src/rules/manifests-before-source.js';
import { lines, lintWith, positions } from './helpers.js';

test('COPY . . before the install is reported at the COPY', () => {
  const text = lines('FROM node:22-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'RUN npm run build');
  assert.deepEqual(positions(lintWith(manifestsBeforeSource, text)), [['NS101', 3, 1]]);
});

test('a source copy in a parent stage counts too', () => {
  const text = lines('FROM node:22-slim AS base', 'COPY src ./src', 'FROM base AS deps', 'RUN npm ci');
  assert.deepEqual(positions(lintWith(manifestsBeforeSource, text)), [['NS101', 2, 1]]);
});

test('pnpm install --offline after pnpm fetch passes', () => {
  const text = lines('FROM node:22-slim', 'COPY pnpm-lock.yaml ./', 'RUN pnpm fetch', 'COPY . .', 'RUN pnpm install --offline --frozen-lockfile');
  assert.deepEqual(lintWith(manifestsBeforeSource, text), []);
});

test('manifests first, source after the install, passes', () => {
  const text = lines('FROM node:22-slim', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build');
  assert.deepEqual(lintWith(manifestsBeforeSource, text), []);
});
