import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prismaGenerateInBuild } from '../../src/rules/prisma-generate-in-build.js';
import { lines, lintWith, nestProfile, positions, prisma7 } from './helpers.js';

const profile = nestProfile({ prisma: prisma7() });

test('a Prisma project whose build never generates is reported at the build stage', () => {
  const text = lines('FROM node:22-slim AS builder', 'COPY . .', 'RUN npm ci && npm run build', 'FROM node:22-slim', 'CMD ["node", "dist/main.js"]');
  const files = { 'package.json': JSON.stringify({ scripts: { build: 'nest build' } }) };
  assert.deepEqual(positions(lintWith(prismaGenerateInBuild, text, { profile, files })), [['NS104', 1, 1]]);
});

test('generate directly, through the build script or through postinstall passes', () => {
  const direct = lines('FROM node:22-slim AS builder', 'RUN npx prisma generate', 'FROM node:22-slim');
  assert.deepEqual(lintWith(prismaGenerateInBuild, direct, { profile }), []);
  const viaScript = lines('FROM node:22-slim AS builder', 'RUN npm run build', 'FROM node:22-slim');
  const files = { 'package.json': JSON.stringify({ scripts: { build: 'prisma generate && nest build' } }) };
  assert.deepEqual(lintWith(prismaGenerateInBuild, viaScript, { profile, files }), []);
  const postinstall = lines('FROM node:22-slim AS builder', 'RUN npm ci', 'FROM node:22-slim');
  const hook = { 'package.json': JSON.stringify({ scripts: { postinstall: 'prisma generate' } }) };
  assert.deepEqual(lintWith(prismaGenerateInBuild, postinstall, { profile, files: hook }), []);
});

test('a project without Prisma is not asked to generate', () => {
  assert.deepEqual(lintWith(prismaGenerateInBuild, lines('FROM node:22-slim AS b', 'FROM node:22-slim'), { profile: nestProfile() }), []);
});
