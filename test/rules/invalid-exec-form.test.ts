import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invalidExecForm } from '../../src/rules/invalid-exec-form.js';
import { lines, lintWith, positions } from './helpers.js';

test('a bracketed command that is not JSON is reported at its arguments', () => {
  const text = lines('FROM node:22-slim', `CMD ["node" "dist/main.js"]`, `ENTRYPOINT ['node']`);
  assert.deepEqual(positions(lintWith(invalidExecForm, text)), [['NS005', 2, 5], ['NS005', 3, 12]]);
});

test('valid exec form and plain shell form pass', () => {
  assert.deepEqual(lintWith(invalidExecForm, lines('FROM node:22-slim', 'RUN npm ci', 'CMD ["node", "dist/main.js"]')), []);
});
