import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syntaxDirective } from '../../src/rules/syntax-directive.js';
import { lines, lintWith, positions } from './helpers.js';

test('a syntax directive is reported on its line', () => {
  assert.deepEqual(positions(lintWith(syntaxDirective, lines('# syntax=docker/dockerfile:1', 'FROM node:22-slim'))), [['NS125', 1, 1]]);
});

test('a plain comment on the first line passes', () => {
  assert.deepEqual(lintWith(syntaxDirective, lines('# the app image', 'FROM node:22-slim')), []);
});
