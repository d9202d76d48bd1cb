import assert from 'node:assert/strict';
import { test } from 'node:test';
import { healthcheckMissing } from '../../src/rules/healthcheck-missing.js';
import { lines, lintWith, nestProfile, positions } from './helpers.js';

const withHealth = nestProfile({ health: { value: '/health', source: 'src/health.controller.ts' } });

test('a service with a health route and no HEALTHCHECK is reported at the runtime FROM', () => {
  const text = lines('FROM node:22-slim AS build', 'HEALTHCHECK NONE', 'FROM node:22-slim', 'CMD ["node", "dist/main.js"]');
  assert.deepEqual(positions(lintWith(healthcheckMissing, text, { profile: withHealth })), [['NS119', 3, 1]]);
});

test('a HEALTHCHECK passes, and a service without a health route is not asked for one', () => {
  const text = lines('FROM node:22-slim', 'HEALTHCHECK CMD ["node", "healthcheck.js"]');
  assert.deepEqual(lintWith(healthcheckMissing, text, { profile: withHealth }), []);
  assert.deepEqual(lintWith(healthcheckMissing, lines('FROM node:22-slim'), { profile: nestProfile() }), []);
});
