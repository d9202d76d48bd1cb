import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lockfileStrictInstall } from '../../src/rules/lockfile-strict-install.js';
import { applyFix, lines, lintWith, positions } from './helpers.js';

test('npm install is reported at the command and fixed to npm ci', () => {
  const text = lines('FROM node:22-slim', 'COPY package*.json ./', 'RUN npm install && echo done');
  const findings = lintWith(lockfileStrictInstall, text);
  assert.deepEqual(positions(findings), [['NS103', 3, 5]]);
  assert.equal(applyFix(text, findings[0]!), lines('FROM node:22-slim', 'COPY package*.json ./', 'RUN npm ci && echo done'));
});

test('non-frozen pnpm, yarn and bun installs are reported without a fix', () => {
  const text = lines('FROM node:22-slim', 'RUN pnpm install', 'RUN yarn', 'RUN bun install');
  const findings = lintWith(lockfileStrictInstall, text);
  assert.deepEqual(positions(findings), [['NS103', 2, 5], ['NS103', 3, 5], ['NS103', 4, 5]]);
  assert.ok(findings.every((f) => f.fix === undefined));
});

test('strict installs of every manager pass, and global tool installs are not dependency installs', () => {
  const text = lines(
    'FROM node:22-slim',
    'RUN npm ci --omit=dev',
    'RUN pnpm install --frozen-lockfile',
    'RUN yarn install --immutable',
    'RUN bun install --frozen-lockfile',
    'RUN npm install -g pnpm@9',
    'RUN echo "npm install"',
  );
  assert.deepEqual(lintWith(lockfileStrictInstall, text), []);
});
