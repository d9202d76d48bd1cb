import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretsInArgEnv } from '../../src/rules/secrets-in-arg-env.js';
import { lines, lintWith, positions } from './helpers.js';

test('secret names and credential-looking values are reported at the name', () => {
  const text = lines(
    'ARG NPM_TOKEN',
    'FROM node:22-slim',
    'ENV JWT_SECRET=abc',
    'ENV DATABASE_URL=postgres://app:hunter2@db:5432/app',
  );
  assert.deepEqual(positions(lintWith(secretsInArgEnv, text)), [['NS115', 1, 5], ['NS115', 3, 5], ['NS115', 4, 5]]);
});

test('ordinary settings and references to secret files pass', () => {
  const text = lines('FROM node:22-slim', 'ARG NODE_MEMORY=512', 'ENV PORT=3000 JWT_SECRET_FILE=/run/secrets/jwt KEYBOARD=us', 'ENV DATABASE_URL=postgres://db:5432/app');
  assert.deepEqual(lintWith(secretsInArgEnv, text), []);
});
