import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noMigrationsAtStart } from '../../src/rules/no-migrations-at-start.js';
import { lines, lintWith, positions } from './helpers.js';

test('prisma migrate deploy inside sh -c is reported at the migrate command', () => {
  const text = lines('FROM node:22-slim', 'CMD ["sh", "-c", "npx prisma migrate deploy && node dist/main.js"]');
  assert.deepEqual(positions(lintWith(noMigrationsAtStart, text)), [['NS109', 2, 19]]);
});

test('an npm script and an entrypoint script that migrate are reported', () => {
  const files = { 'package.json': JSON.stringify({ scripts: { 'start:migrate': 'prisma migrate deploy && node dist/main' } }) };
  const viaScript = lines('FROM node:22-slim', 'CMD ["npm", "run", "start:migrate"]');
  assert.deepEqual(positions(lintWith(noMigrationsAtStart, viaScript, { files })), [['NS109', 2, 6]]);
  const script = { 'docker-entrypoint.sh': '#!/bin/sh\nset -e\nnpx typeorm migration:run\nexec "$@"\n' };
  const viaFile = lines('FROM node:22-slim', 'ENTRYPOINT ["./docker-entrypoint.sh"]', 'CMD ["node", "dist/main.js"]');
  assert.deepEqual(positions(lintWith(noMigrationsAtStart, viaFile, { files: script })), [['NS109', 2, 13]]);
});

test('a start command that only serves passes', () => {
  assert.deepEqual(lintWith(noMigrationsAtStart, lines('FROM node:22-slim', 'RUN npx prisma migrate deploy', 'CMD ["node", "dist/main.js"]')), []);
});
