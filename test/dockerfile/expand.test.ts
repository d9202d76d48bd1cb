import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expand } from '../../src/dockerfile/expand.js';

const scope = new Map<string, string | undefined>([
  ['PORT', '3000'],
  ['EMPTY', ''],
  ['UNSET', undefined],
  ['NODE', '22'],
]);

test('plain and braced references expand', () => {
  assert.equal(expand('$PORT and ${PORT}', scope), '3000 and 3000');
});

test('defaults apply to unset or empty values as the builder defines them', () => {
  assert.equal(expand('${UNSET:-8080}', scope), '8080');
  assert.equal(expand('${EMPTY:-8080}', scope), '8080');
  assert.equal(expand('${EMPTY-8080}', scope), '');
  assert.equal(expand('${MISSING-8080}', scope), '8080');
  assert.equal(expand('${PORT:+on}', scope), 'on');
  assert.equal(expand('${EMPTY:+on}', scope), '');
});

test('nested references inside a default expand too', () => {
  assert.equal(expand('node:${TAG:-${NODE}-slim}', scope), 'node:22-slim');
});

test('an escaped dollar stays literal', () => {
  assert.equal(expand('\\$PORT', scope), '$PORT');
});

test('unterminated and deeply nested input does not throw', () => {
  assert.equal(expand('${PORT', scope), '${PORT');
  const deep = '${A:-'.repeat(200) + 'x' + '}'.repeat(200);
  assert.equal(typeof expand(deep, scope), 'string');
});
