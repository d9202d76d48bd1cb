import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binaryOf, installOf, isBuildCommand, isDownloadRunner, isPrismaGenerate, scriptCallOf } from '../../src/dockerfile/commands.js';
import { tokenizeShell } from '../../src/dockerfile/shell.js';

const one = (text: string) => tokenizeShell(text)[0]!;

test('installs are classified as strict, production-only or adding packages', () => {
  const ci = installOf(one('npm ci --omit=dev --omit=optional'))!;
  assert.deepEqual([ci.strict, ci.productionOnly, ci.omitsOptional, ci.addsPackages], [true, true, true, false]);
  const install = installOf(one('npm install'))!;
  assert.deepEqual([install.strict, install.productionOnly, install.addsPackages], [false, false, false]);
  assert.equal(installOf(one('npm install express'))!.addsPackages, true);
  assert.equal(installOf(one('npm install -g pnpm'))!.global, true);
  assert.equal(installOf(one('npm run build')), undefined);
});

test('each manager has its own strict and production spellings', () => {
  assert.equal(installOf(one('pnpm install --frozen-lockfile --prod'))!.productionOnly, true);
  assert.equal(installOf(one('CI=true pnpm install'))!.strict, true);
  assert.equal(installOf(one('yarn'))!.strict, false);
  assert.equal(installOf(one('yarn install --immutable'))!.strict, true);
  assert.equal(installOf(one('yarn workspaces focus --production'))!.productionOnly, true);
  assert.equal(installOf(one('bun install --frozen-lockfile --production'))!.productionOnly, true);
});

test('NODE_ENV=production makes an install production-only, as a prefix or from the scope', () => {
  assert.equal(installOf(one('NODE_ENV=production npm ci'))!.productionOnly, true);
  assert.equal(installOf(one('npm ci'), new Map([['NODE_ENV', 'production']]))!.productionOnly, true);
});

test('script runs, binaries, builds and downloads are recognised', () => {
  assert.deepEqual(scriptCallOf(one('npm run start:prod'))?.script, 'start:prod');
  assert.deepEqual(scriptCallOf(one('yarn build'))?.script, 'build');
  assert.equal(scriptCallOf(one('pnpm install')), undefined);
  assert.equal(binaryOf(one('pnpm exec prisma generate'))?.name, 'prisma');
  assert.ok(isPrismaGenerate(one('node_modules/.bin/prisma generate --schema x')));
  assert.ok(isBuildCommand(one('npx nest build')));
  assert.ok(isBuildCommand(one('npm run compile'), 'compile'));
  assert.ok(isDownloadRunner(one('pnpm dlx prisma migrate deploy')));
  assert.ok(!isDownloadRunner(one('pnpm exec prisma migrate deploy')));
});
