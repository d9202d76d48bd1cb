import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyDockerfile } from '../../src/rules/empty-dockerfile.js';
import { lintWith, positions } from './helpers.js';

test('an empty or comment-only Dockerfile is reported at its start', () => {
  assert.deepEqual(positions(lintWith(emptyDockerfile, '')), [['NS001', 1, 1]]);
  assert.deepEqual(positions(lintWith(emptyDockerfile, '# only a comment\n\n')), [['NS001', 1, 1]]);
});

test('a Dockerfile with instructions passes', () => {
  assert.deepEqual(lintWith(emptyDockerfile, 'FROM node:22-slim\n'), []);
});
