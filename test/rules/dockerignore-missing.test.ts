import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerignoreMissing } from '../../src/rules/dockerignore-missing.js';
import { lintWith } from './helpers.js';

test('a project without .dockerignore is reported on that file', () => {
  const findings = lintWith(dockerignoreMissing, 'FROM node:22-slim\n');
  assert.deepEqual(findings.map((f) => [f.id, f.location.file]), [['NS203', '.dockerignore']]);
});

test('an existing .dockerignore, even empty, passes', () => {
  assert.deepEqual(lintWith(dockerignoreMissing, 'FROM node:22-slim\n', { dockerignore: '' }), []);
});
