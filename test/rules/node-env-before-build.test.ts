import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeEnvBeforeBuild } from '../../src/rules/node-env-before-build.js';
import { lines, lintWith, positions } from './helpers.js';

test('NODE_ENV=production in a shared base is reported at the ENV', () => {
  const text = lines(
    'FROM node:22-slim AS base',
    'ENV NODE_ENV=production',
    'FROM base AS builder',
    'COPY package*.json ./',
    'RUN npm ci',
    'COPY . .',
    'RUN npm run build',
  );
  assert.deepEqual(positions(lintWith(nodeEnvBeforeBuild, text)), [['NS111', 2, 5]]);
});

test('an --omit=dev install before the build is reported at the install', () => {
  const text = lines('FROM node:22-slim AS builder', 'RUN npm ci --omit=dev', 'RUN npx nest build');
  assert.deepEqual(positions(lintWith(nodeEnvBeforeBuild, text)), [['NS111', 2, 1]]);
});

test('--include=dev overrides NODE_ENV=production, so the build has its tools', () => {
  const text = lines('FROM node:22-slim AS build', 'ENV NODE_ENV=production', 'RUN npm ci --include=dev', 'RUN npm run build');
  assert.deepEqual(lintWith(nodeEnvBeforeBuild, text), []);
});

test('NODE_ENV=production only in the runtime passes', () => {
  const text = lines('FROM node:22-slim AS builder', 'RUN npm ci', 'RUN npm run build', 'FROM node:22-slim', 'ENV NODE_ENV=production', 'RUN npm ci');
  assert.deepEqual(lintWith(nodeEnvBeforeBuild, text), []);
});
