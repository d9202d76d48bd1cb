import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prismaCliInRuntime } from '../../src/rules/prisma-cli-in-runtime.js';
import { lines, lintWith, nestProfile, positions, prisma7 } from './helpers.js';

const profile = nestProfile({ prisma: prisma7() });
const devCli = { 'package.json': JSON.stringify({ dependencies: { '@prisma/client': '7.10.1' }, devDependencies: { prisma: '7.10.1' } }) };
const runtime = (install: string) =>
  lines('FROM node:22-slim AS prod', 'WORKDIR /app', `RUN ${install}`, 'FROM node:22-slim', 'COPY --from=prod /app/node_modules ./node_modules');

test('npm ci --omit=dev keeps the devOptional CLI and is reported at the COPY', () => {
  assert.deepEqual(positions(lintWith(prismaCliInRuntime, runtime('npm ci --omit=dev'), { profile, files: devCli })), [['NS123', 5, 1]]);
});

test('prisma as a production dependency is reported in package.json', () => {
  const files = { 'package.json': JSON.stringify({ dependencies: { prisma: '7.10.1' } }) };
  const findings = lintWith(prismaCliInRuntime, runtime('npm ci --omit=dev'), { profile, files });
  assert.deepEqual(findings.map((f) => [f.id, f.location.file, f.location.jsonPath]), [['NS123', 'package.json', 'dependencies.prisma']]);
});

test('--omit=optional or removing devOptional packages passes', () => {
  assert.deepEqual(lintWith(prismaCliInRuntime, runtime('npm ci --omit=dev --omit=optional'), { profile, files: devCli }), []);
  assert.deepEqual(lintWith(prismaCliInRuntime, runtime('npm ci --omit=dev && rm -rf node_modules/prisma'), { profile, files: devCli }), []);
});
