import assert from 'node:assert/strict';
import { test } from 'node:test';
import { numericUser } from '../../src/rules/numeric-user.js';
import { applyFix, lines, lintWith, positions } from './helpers.js';

test('a named user is reported at the name', () => {
  assert.deepEqual(positions(lintWith(numericUser, lines('FROM node:22-slim', 'USER node'))), [['NS114', 2, 6]]);
  assert.deepEqual(positions(lintWith(numericUser, lines('FROM node:22-slim', 'USER 1000:app'))), [['NS114', 2, 6]]);
});

test('the node user of the official images is rewritten to its uid and gid', () => {
  const text = lines('FROM node:22-slim', 'USER node');
  const [finding] = lintWith(numericUser, text);
  assert.equal(applyFix(text, finding!), lines('FROM node:22-slim', 'USER 1000:1000'));
  const custom = lintWith(numericUser, lines('FROM node:22-slim', 'USER app'));
  assert.equal(custom[0]!.fix, undefined);
});

test('numeric uid and gid pass, and root is left to NS107', () => {
  assert.deepEqual(lintWith(numericUser, lines('FROM node:22-slim', 'USER 1000:1000')), []);
  assert.deepEqual(lintWith(numericUser, lines('FROM node:22-slim', 'ARG UID=1000', 'USER ${UID}')), []);
  assert.deepEqual(lintWith(numericUser, lines('FROM node:22-slim', 'USER root')), []);
});
