import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runtimeDevDependencies } from '../../src/rules/runtime-dev-dependencies.js';
import { lines, lintWith, positions } from './helpers.js';

test('node_modules from a full install are reported at the COPY that brings them', () => {
  const text = lines('FROM node:22-slim AS deps', 'WORKDIR /app', 'RUN npm ci', 'FROM node:22-slim', 'COPY --from=deps /app/node_modules ./node_modules');
  assert.deepEqual(positions(lintWith(runtimeDevDependencies, text)), [['NS106', 5, 1]]);
});

test('a full install in the runtime stage itself is reported at the install', () => {
  assert.deepEqual(positions(lintWith(runtimeDevDependencies, lines('FROM node:22-slim', 'RUN npm ci'))), [['NS106', 2, 1]]);
});

test('production installs, prunes and NODE_ENV=production pass', () => {
  const omit = lines('FROM node:22-slim AS prod', 'WORKDIR /app', 'RUN npm ci --omit=dev', 'FROM node:22-slim', 'COPY --from=prod /app/node_modules ./node_modules');
  assert.deepEqual(lintWith(runtimeDevDependencies, omit), []);
  const pruned = lines('FROM node:22-slim AS b', 'WORKDIR /app', 'RUN npm ci', 'RUN npm run build && npm prune --omit=dev', 'FROM node:22-slim', 'COPY --from=b /app/node_modules ./node_modules');
  assert.deepEqual(lintWith(runtimeDevDependencies, pruned), []);
  assert.deepEqual(lintWith(runtimeDevDependencies, lines('FROM node:22-slim', 'ENV NODE_ENV=production', 'RUN npm ci')), []);
  const generatedOnly = lines('FROM node:22-slim AS b', 'WORKDIR /app', 'RUN npm ci', 'FROM node:22-slim', 'COPY --from=b /app/node_modules/.prisma ./node_modules/.prisma');
  assert.deepEqual(lintWith(runtimeDevDependencies, generatedOnly), []);
  assert.deepEqual(lintWith(runtimeDevDependencies, lines('FROM node:22-slim', 'RUN pnpm install --prod --frozen-lockfile')), []);
});
