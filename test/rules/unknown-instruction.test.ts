import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unknownInstruction } from '../../src/rules/unknown-instruction.js';
import { lines, lintWith, positions } from './helpers.js';

test('a line that lost its continuation becomes an unknown instruction', () => {
  const text = lines('FROM node:22-slim', 'RUN apt-get update', '  apt-get install -y openssl');
  const findings = lintWith(unknownInstruction, text);
  assert.deepEqual(positions(findings), [['NS004', 3, 3]]);
});

test('known instructions in any case pass', () => {
  assert.deepEqual(lintWith(unknownInstruction, lines('from node:22-slim', 'run npm ci', 'HEALTHCHECK NONE')), []);
});
