import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addInsteadOfCopy } from '../../src/rules/add-instead-of-copy.js';
import { applyFix, lines, lintWith, positions } from './helpers.js';

test('ADD of local files is reported and rewritten to COPY', () => {
  const text = lines('FROM node:22-slim', 'ADD --chown=1000:1000 package.json ./');
  const findings = lintWith(addInsteadOfCopy, text);
  assert.deepEqual(positions(findings), [['NS118', 2, 1]]);
  assert.equal(applyFix(text, findings[0]!), lines('FROM node:22-slim', 'COPY --chown=1000:1000 package.json ./'));
});

test('ADD of URLs and archives passes', () => {
  assert.deepEqual(lintWith(addInsteadOfCopy, lines('FROM node:22-slim', 'ADD https://example.test/x.txt /x', 'ADD rootfs.tar.gz /')), []);
});
