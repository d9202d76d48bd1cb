import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tsconfigBuildOutdir } from '../../src/rules/tsconfig-build-outdir.js';
import { lintWith } from './helpers.js';

const dockerfile = 'FROM node:22-slim\n';
const where = (findings: ReturnType<typeof lintWith>) => findings.map((f) => [f.id, f.location.file, f.location.jsonPath]);

test('an outDir other than dist is reported at its JSON path', () => {
  const files = { 'tsconfig.build.json': '{ "compilerOptions": { "outDir": "./build" } }' };
  assert.deepEqual(where(lintWith(tsconfigBuildOutdir, dockerfile, { files })), [['NS201', 'tsconfig.build.json', 'compilerOptions.outDir']]);
});

test('no outDir anywhere in the extends chain is reported', () => {
  const files = { 'tsconfig.build.json': '{ "extends": "./tsconfig.json" }', 'tsconfig.json': '{ // comment\n "compilerOptions": {} }' };
  assert.deepEqual(where(lintWith(tsconfigBuildOutdir, dockerfile, { files })), [['NS201', 'tsconfig.build.json', 'compilerOptions']]);
});

test('dist set directly or inherited (JSONC with comments) passes', () => {
  const direct = { 'tsconfig.build.json': '{ "compilerOptions": { "outDir": "./dist", "rootDir": "./src" } }' };
  assert.deepEqual(lintWith(tsconfigBuildOutdir, dockerfile, { files: direct }), []);
  const monorepo = { 'tsconfig.build.json': '{ "compilerOptions": { "outDir": "./dist/apps/api" } }' };
  assert.deepEqual(lintWith(tsconfigBuildOutdir, dockerfile, { files: monorepo }), []);
  const inherited = { 'tsconfig.build.json': '{ "extends": "./tsconfig.json", }', 'tsconfig.json': '{ /* c */ "compilerOptions": { "outDir": "dist/" } }' };
  assert.deepEqual(lintWith(tsconfigBuildOutdir, dockerfile, { files: inherited }), []);
});
