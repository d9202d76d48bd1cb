import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instructionBeforeFrom } from '../../src/rules/instruction-before-from.js';
import { lines, lintWith, positions } from './helpers.js';

test('an instruction other than ARG before FROM is reported', () => {
  const text = lines('ARG NODE=22', 'ENV A=1', 'FROM node:${NODE}-slim');
  assert.deepEqual(positions(lintWith(instructionBeforeFrom, text)), [['NS003', 2, 1]]);
});

test('global ARGs before FROM pass', () => {
  assert.deepEqual(lintWith(instructionBeforeFrom, lines('ARG NODE=22', 'FROM node:${NODE}-slim')), []);
});
