/**
 * Small project trees for detection tests: a minimal valid NestJS project that each test bends into the
 * shape it needs, written to a temp folder that is removed after the test.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { NestshipError } from '../../src/errors.js';

/** The committed fixture projects. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/projects/${name}/`, import.meta.url));
}

export type Tree = Record<string, string | object | undefined>;

/** A NestJS service with npm, the Nest 11 layout and nothing optional. */
export function minimalProject(): Tree {
  return {
    'package.json': {
      name: 'tree-api',
      version: '1.0.0',
      scripts: { build: 'nest build' },
      dependencies: {
        '@nestjs/common': '^11.1.6',
        '@nestjs/core': '^11.1.6',
        '@nestjs/platform-express': '^11.1.6',
      },
      devDependencies: { '@nestjs/cli': '^11.0.10', typescript: '^5.9.2' },
    },
    'package-lock.json': {
      name: 'tree-api',
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name: 'tree-api' }, 'node_modules/@nestjs/core': { version: '11.1.6' } },
    },
    'nest-cli.json': { collection: '@nestjs/schematics', sourceRoot: 'src' },
    'tsconfig.json': {
      compilerOptions: { module: 'commonjs', outDir: './dist', target: 'ES2023' },
    },
    'tsconfig.build.json': {
      extends: './tsconfig.json',
      exclude: ['node_modules', 'test', 'dist', '**/*spec.ts'],
    },
    'src/main.ts': [
      "import { NestFactory } from '@nestjs/core';",
      "import { AppModule } from './app.module';",
      '',
      'async function bootstrap() {',
      '  const app = await NestFactory.create(AppModule);',
      '  await app.listen(process.env.PORT ?? 3000);',
      '}',
      'bootstrap();',
      '',
    ].join('\n'),
    'src/app.module.ts':
      "import { Module } from '@nestjs/common';\n\n@Module({})\nexport class AppModule {}\n",
  };
}

/**
 * Writes `minimalProject()` merged with `changes` (an undefined value deletes a file; objects are written
 * as JSON) to a fresh temp folder, removed when the test ends. Returns the folder.
 */
export function projectTree(
  t: TestContext,
  changes: Tree = {},
  base: Tree = minimalProject(),
): string {
  const root = mkdtempSync(path.join(tmpdir(), 'nestship-detect-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const files: Tree = { ...base, ...changes };
  for (const [file, content] of Object.entries(files)) {
    if (content === undefined) continue;
    const absolute = path.join(root, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(
      absolute,
      typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`,
    );
  }
  return root;
}

/** `package.json` of the minimal project with some fields replaced. */
export function manifestWith(fields: Record<string, unknown>): object {
  const base = minimalProject()['package.json'] as Record<string, unknown>;
  return { ...base, ...fields };
}

/**
 * Asserts that `action` fails with a NestshipError naming `file`, whose message matches `message`, and
 * whose printed form is one line.
 */
export async function assertNestshipError(
  action: () => Promise<unknown> | unknown,
  expected: { file: string; message: RegExp; hint?: RegExp },
): Promise<NestshipError> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof NestshipError, `expected a NestshipError, got ${String(caught)}`);
  assert.equal(caught.file, expected.file);
  assert.match(caught.message, expected.message);
  if (expected.hint) assert.match(caught.hint ?? '', expected.hint);
  assert.ok(!caught.oneLine().includes('\n'), `not one line: ${caught.oneLine()}`);
  return caught;
}
