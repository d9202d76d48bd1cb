import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postinstallBeforeSchema } from '../../src/rules/postinstall-before-schema.js';
import { lines, lintWith, positions } from './helpers.js';

const files = { 'package.json': JSON.stringify({ scripts: { postinstall: 'prisma generate' } }) };

test('an install before the schema is copied is reported at the install', () => {
  const text = lines('FROM node:22-slim', 'COPY package.json package-lock.json ./', 'RUN npm ci');
  assert.deepEqual(positions(lintWith(postinstallBeforeSchema, text, { files })), [['NS129', 3, 5]]);
});

test('the schema copied first, or --ignore-scripts, passes', () => {
  assert.deepEqual(lintWith(postinstallBeforeSchema, lines('FROM node:22-slim', 'COPY package*.json ./', 'COPY prisma ./prisma', 'RUN npm ci'), { files }), []);
  assert.deepEqual(lintWith(postinstallBeforeSchema, lines('FROM node:22-slim', 'RUN npm ci --ignore-scripts'), { files }), []);
});
