import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registryAuthSecret } from '../../src/rules/registry-auth-secret.js';
import { lines, lintWith, nestProfile, positions } from './helpers.js';

const profile = nestProfile({ registryAuth: { value: '.npmrc', source: '.npmrc' } });

test('an install without a secret mount is reported at the install when the registry needs auth', () => {
  const text = lines('FROM node:22-slim', 'RUN --mount=type=cache,target=/root/.npm npm ci');
  assert.deepEqual(positions(lintWith(registryAuthSecret, text, { profile })), [['NS134', 2, 42]]);
});

test('a secret mount passes, and a public registry needs none', () => {
  const text = lines('FROM node:22-slim', 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci');
  assert.deepEqual(lintWith(registryAuthSecret, text, { profile }), []);
  assert.deepEqual(lintWith(registryAuthSecret, lines('FROM node:22-slim', 'RUN npm ci'), { profile: nestProfile() }), []);
});
