import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedicatedDepsStage } from '../../src/rules/dedicated-deps-stage.js';
import { lines, lintWith, positions } from './helpers.js';

test('a single-stage build that installs is reported at the install', () => {
  const text = lines('FROM node:22-slim', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build');
  assert.deepEqual(positions(lintWith(dedicatedDepsStage, text)), [['NS102', 3, 1]]);
});

test('a production-only install beside a prebuilt dist/ passes', () => {
  const text = lines('FROM node:22-slim', 'COPY package*.json ./', 'RUN npm ci --omit=dev', 'COPY dist ./dist');
  assert.deepEqual(lintWith(dedicatedDepsStage, text), []);
});

test('an install in its own stage passes', () => {
  const text = lines('FROM node:22-slim AS deps', 'COPY package*.json ./', 'RUN npm ci', 'FROM node:22-slim', 'COPY --from=deps /node_modules ./node_modules');
  assert.deepEqual(lintWith(dedicatedDepsStage, text), []);
});
