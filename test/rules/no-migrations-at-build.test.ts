import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noMigrationsAtBuild } from '../../src/rules/no-migrations-at-build.js';
import { lines, lintWith, positions } from './helpers.js';

test('a RUN that migrates, directly or through a script, is reported at the command', () => {
  const files = { 'package.json': JSON.stringify({ scripts: { 'migration:run': 'prisma migrate deploy' } }) };
  const text = lines('FROM node:22-slim', 'RUN npx prisma generate && npx prisma migrate deploy', 'RUN npm run migration:run');
  assert.deepEqual(positions(lintWith(noMigrationsAtBuild, text, { files })), [['NS137', 2, 28], ['NS137', 3, 5]]);
});

test('generate and migrate diff do not touch a database', () => {
  const text = lines('FROM node:22-slim', 'RUN npx prisma generate', 'RUN npx prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script');
  assert.deepEqual(lintWith(noMigrationsAtBuild, text), []);
});
