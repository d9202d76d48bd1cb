import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nativeDepsAlpine } from '../../src/rules/native-deps-alpine.js';
import { lines, lintWith, nestProfile, positions } from './helpers.js';

const withBcrypt = nestProfile({ native: { packages: { value: ['bcrypt'], source: 'package.json' } } });

test('native dependencies on an Alpine runtime are reported at the runtime FROM', () => {
  const text = lines('FROM node:22-alpine AS base', 'FROM base', 'CMD ["node", "dist/main.js"]');
  assert.deepEqual(positions(lintWith(nativeDepsAlpine, text, { profile: withBcrypt })), [['NS132', 2, 1]]);
});

test('a slim runtime, or Alpine without native dependencies, passes', () => {
  assert.deepEqual(lintWith(nativeDepsAlpine, lines('FROM node:22-slim'), { profile: withBcrypt }), []);
  assert.deepEqual(lintWith(nativeDepsAlpine, lines('FROM node:22-alpine'), { profile: nestProfile() }), []);
});
