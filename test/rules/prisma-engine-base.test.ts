import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prismaEngineBase } from '../../src/rules/prisma-engine-base.js';
import { lines, lintWith, nestProfile, positions, prisma7 } from './helpers.js';

const fact = <T>(value: T) => ({ value, source: 'prisma/schema.prisma' });
const prisma6 = (targets: string[]) =>
  nestProfile({ prisma: prisma7({ major: fact(6), generator: fact('prisma-client-js' as const), output: undefined, binaryTargets: fact(targets) }) });
const schema = lines('generator client {', '  provider      = "prisma-client-js"', '  binaryTargets = ["debian-openssl-3.0.x"]', '}');

test('Prisma 6 on alpine without OpenSSL and with Debian-only binaryTargets gives two findings', () => {
  const text = lines('FROM node:22-alpine', 'CMD ["node", "dist/main.js"]');
  const findings = lintWith(prismaEngineBase, text, { profile: prisma6(['debian-openssl-3.0.x']), files: { 'prisma/schema.prisma': schema } });
  assert.deepEqual(positions(findings), [['NS121', 1, 1], ['NS121', 3, 3]]);
  assert.equal(findings[1]!.location.file, 'prisma/schema.prisma');
});

test('OpenSSL installed with native targets passes, and Prisma 7 needs neither', () => {
  const text = lines('FROM node:22-slim AS base', 'RUN apt-get update && apt-get install -y openssl', 'FROM base');
  assert.deepEqual(lintWith(prismaEngineBase, text, { profile: prisma6(['native']) }), []);
  assert.deepEqual(lintWith(prismaEngineBase, lines('FROM node:22-alpine'), { profile: nestProfile({ prisma: prisma7() }) }), []);
});
