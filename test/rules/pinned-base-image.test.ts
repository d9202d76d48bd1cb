import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pinnedBaseImage } from '../../src/rules/pinned-base-image.js';
import { lines, lintWith, positions } from './helpers.js';

test('an untagged base and a latest base are reported at the image', () => {
  const text = lines('FROM node AS a', 'FROM --platform=linux/amd64 node:latest');
  assert.deepEqual(positions(lintWith(pinnedBaseImage, text)), [['NS117', 1, 6], ['NS117', 2, 29]]);
});

test('tags from ARGs, digests, stage references and scratch pass', () => {
  const text = lines('ARG NODE=22', 'FROM node:${NODE}-slim AS base', 'FROM base', 'FROM node@sha256:abc', 'FROM scratch', 'FROM registry:5000/team/node:22');
  assert.deepEqual(lintWith(pinnedBaseImage, text), []);
});
