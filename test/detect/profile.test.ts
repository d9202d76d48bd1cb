import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { describeProfile, detectProfile } from '../../src/detect/index.js';
import { assertNestshipError, fixture, manifestWith, projectTree } from './project-tree.js';

/** The facts the golden matrix turns on, per fixture: one line each, checked in one table. */
const MATRIX: Record<string, string> = {
  'npm-basic': 'npm node:22-alpine dist/main.js cjs prisma:- health:- hooks:yes port:3000',
  'npm-fastify': 'npm node:22-alpine dist/main.js cjs prisma:- health:/healthz hooks:no port:8080',
  'npm-private-registry':
    'npm node:22-alpine dist/main.js cjs prisma:- health:- hooks:yes port:3000',
  'npm-prisma7':
    'npm node:22-slim dist/main.js esm prisma:7/prisma-client health:/health/ready hooks:yes port:3000',
  'npm-prisma6':
    'npm node:20-slim dist/main.js cjs prisma:6/prisma-client-js health:/health hooks:yes port:3000',
  'npm-rootdir-inferred':
    'npm node:20-alpine dist/src/main.js cjs prisma:5/prisma-client-js health:- hooks:no port:3000',
  'npm-monorepo':
    'npm node:22-alpine dist/apps/api/main.js cjs prisma:- health:/health hooks:yes port:3000',
  'pnpm-prisma7':
    'pnpm node:22-alpine dist/main.js cjs prisma:7/prisma-client health:/status/ready hooks:yes port:3000',
  'yarn-classic-basic':
    'yarn-classic node:22-slim dist/main.js cjs prisma:- health:- hooks:yes port:3000',
  'yarn-berry-prisma6':
    'yarn-berry node:22-alpine dist/main.js cjs prisma:6/prisma-client-js health:- hooks:yes port:3000',
  'bun-basic': 'bun node:22-alpine dist/main.js cjs prisma:- health:- hooks:yes port:3000',
};

test('every fixture project is detected with the facts the golden matrix relies on', async () => {
  for (const [name, expected] of Object.entries(MATRIX)) {
    const profile = await detectProfile(fixture(name));
    const prisma = profile.prisma
      ? `${profile.prisma.major.value}/${profile.prisma.generator.value}`
      : '-';
    const summary = [
      profile.packageManager.name.value,
      profile.base.image.value,
      profile.nest.entryPath.value,
      profile.nest.moduleSystem.value,
      `prisma:${prisma}`,
      `health:${profile.health?.value ?? '-'}`,
      `hooks:${profile.shutdownHooks.value ? 'yes' : 'no'}`,
      `port:${profile.port.value}`,
    ].join(' ');
    assert.equal(summary, expected, name);
  }
});

test('the profile carries the absolute root, the name and the registry auth', async () => {
  const profile = await detectProfile(fixture('npm-private-registry'));
  assert.equal(profile.root, path.resolve(fixture('npm-private-registry')));
  assert.deepEqual(profile.name, { value: 'billing-api', source: 'package.json' });
  assert.equal(profile.registryAuth?.value, '.npmrc');
});

test('--project and --base reach the layout and the base image', async () => {
  const profile = await detectProfile(fixture('npm-monorepo'), { project: 'worker', base: 'slim' });
  assert.equal(profile.nest.project.value, 'worker');
  assert.equal(profile.nest.entryPath.value, 'dist/apps/worker/main.js');
  assert.equal(profile.base.image.value, 'node:22-slim');
  assert.equal(profile.base.family.source, '--base');
  assert.equal(profile.health, undefined);
});

test('describeProfile prints each fact with the file it came from', async () => {
  const lines = describeProfile(await detectProfile(fixture('npm-prisma7')));
  const byLabel = new Map(lines.map((line) => [line.label, line]));
  assert.deepEqual(byLabel.get('entry'), {
    label: 'entry',
    value: 'dist/main.js',
    source: 'tsconfig.build.json: rootDir src',
  });
  assert.deepEqual(byLabel.get('prisma client'), {
    label: 'prisma client',
    value: 'prisma-client -> src/generated/prisma',
    source: 'prisma/schema.prisma: generator client',
  });
  assert.deepEqual(byLabel.get('base image'), {
    label: 'base image',
    value: 'node:22-slim',
    source: 'package.json: node 22 from package.json',
  });
  assert.equal(byLabel.get('health route')?.value, '/health/ready');
  assert.equal(byLabel.get('shutdown hooks')?.value, 'yes');
  assert.equal(byLabel.get('driver adapters')?.value, '@prisma/adapter-pg');
  for (const line of lines) {
    assert.ok(line.label && line.value && line.source, JSON.stringify(line));
    assert.ok(!`${line.value} ${line.source}`.includes('\n'));
  }
});

test('describeProfile says when there is no health route and leaves out Prisma when absent', async () => {
  const lines = describeProfile(await detectProfile(fixture('npm-basic')));
  assert.equal(lines.find((line) => line.label === 'health route')?.value, 'none');
  assert.ok(!lines.some((line) => line.label.startsWith('prisma')));
  assert.equal(lines.find((line) => line.label === 'native deps')?.value, 'none');
});

test('a folder without package.json is refused in one line', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'nestship-empty-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  await assertNestshipError(() => detectProfile(root), {
    file: 'package.json',
    message: /no package\.json/,
  });
});

test('an unparsable package.json names the line and column', async (t) => {
  const root = projectTree(t);
  writeFileSync(
    path.join(root, 'package.json'),
    '{\n  "name": "broken",\n  "dependencies": {\n    "@nestjs/core": "^11",\n  }\n}\n',
  );
  await assertNestshipError(() => detectProfile(root), {
    file: 'package.json',
    message: /invalid JSON at line 5, column 3/,
  });
});

test('a package without @nestjs/core is not a NestJS project', async (t) => {
  const root = projectTree(t, {
    'package.json': { name: 'express-app', dependencies: { express: '^5.1.0' } },
  });
  await assertNestshipError(() => detectProfile(root), {
    file: 'package.json',
    message: /not a NestJS project/,
  });
});

test('no lockfile, an unknown package manager and a missing entry are each refused', async (t) => {
  await assertNestshipError(
    () => detectProfile(projectTree(t, { 'package-lock.json': undefined })),
    {
      file: 'package.json',
      message: /no lockfile/,
    },
  );
  await assertNestshipError(
    () =>
      detectProfile(
        projectTree(t, { 'package.json': manifestWith({ packageManager: 'cnpm@9.4.0' }) }),
      ),
    { file: 'package.json', message: /unknown package manager "cnpm"/ },
  );
  await assertNestshipError(() => detectProfile(projectTree(t, { 'src/main.ts': undefined })), {
    file: 'nest-cli.json',
    message: /entry file src\/main\.ts does not exist/,
  });
});

test('a tsconfig with a syntax error names the file and position', async (t) => {
  const root = projectTree(t, {
    'tsconfig.build.json': '{\n  "extends": "./tsconfig.json"\n  "include": ["src"]\n}\n',
  });
  await assertNestshipError(() => detectProfile(root), {
    file: 'tsconfig.build.json',
    message: /invalid JSON at line 3/,
  });
});
