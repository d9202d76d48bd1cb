import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prismaClientInRuntime } from '../../src/rules/prisma-client-in-runtime.js';
import { lines, lintWith, nestProfile, positions, prisma7 } from './helpers.js';

const fact = <T>(value: T) => ({ value, source: 'prisma/schema.prisma' });
const clientJs = nestProfile({ prisma: prisma7({ major: fact(6), generator: fact('prisma-client-js' as const), output: undefined }) });
const stages = [
  'FROM node:22-slim AS builder',
  'WORKDIR /app',
  'RUN npm ci && npx prisma generate && npm run build',
  'FROM node:22-slim AS prod',
  'WORKDIR /app',
  'RUN npm ci --omit=dev',
  'FROM node:22-slim',
  'WORKDIR /app',
];

test('node_modules from a stage that never generated are reported at the last runtime COPY', () => {
  const text = lines(...stages, 'COPY --from=prod /app/node_modules ./node_modules', 'COPY --from=builder /app/dist ./dist');
  assert.deepEqual(positions(lintWith(prismaClientInRuntime, text, { profile: clientJs })), [['NS122', 10, 1]]);
});

test('a custom output outside src/ must be copied', () => {
  const custom = nestProfile({ prisma: prisma7({ output: fact('generated/prisma') }) });
  const text = lines(...stages, 'COPY --from=builder /app/dist ./dist');
  assert.deepEqual(positions(lintWith(prismaClientInRuntime, text, { profile: custom })), [['NS122', 9, 1]]);
  const copied = lines(...stages, 'COPY --from=builder /app/dist ./dist', 'COPY --from=builder /app/generated ./generated');
  assert.deepEqual(lintWith(prismaClientInRuntime, copied, { profile: custom }), []);
});

test('copying .prisma from the builder, or prisma-client output under src/, passes', () => {
  const text = lines(...stages, 'COPY --from=prod /app/node_modules ./node_modules', 'COPY --from=builder /app/node_modules/.prisma ./node_modules/.prisma');
  assert.deepEqual(lintWith(prismaClientInRuntime, text, { profile: clientJs }), []);
  const inSrc = lines(...stages, 'COPY --from=builder /app/dist ./dist');
  assert.deepEqual(lintWith(prismaClientInRuntime, inSrc, { profile: nestProfile({ prisma: prisma7() }) }), []);
});
