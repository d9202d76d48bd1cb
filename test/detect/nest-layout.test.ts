import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readManifest } from '../../src/detect/manifest.js';
import { detectNestLayout } from '../../src/detect/nest-layout.js';
import {
  assertNestshipError,
  fixture,
  manifestWith,
  minimalProject,
  projectTree,
  type Tree,
} from './project-tree.js';

async function detect(root: string, project?: string) {
  return detectNestLayout(root, await readManifest(root), project ? { project } : {});
}

const SEED = "import { PrismaClient } from '@prisma/client';\nnew PrismaClient();\n";
const PRISMA_CONFIG =
  "import { defineConfig } from 'prisma/config';\nexport default defineConfig({ schema: 'prisma/schema.prisma' });\n";

/** A Nest monorepo: apps/api and apps/worker, a shared library imported through a paths alias. */
function monorepo(builder: object): Tree {
  const app = (name: string) => ({
    type: 'application',
    root: `apps/${name}`,
    entryFile: 'main',
    sourceRoot: `apps/${name}/src`,
    compilerOptions: { tsConfigPath: `apps/${name}/tsconfig.app.json` },
  });
  const appTsconfig = (name: string) => ({
    extends: '../../tsconfig.json',
    compilerOptions: { outDir: `../../dist/apps/${name}` },
    include: ['src/**/*'],
  });
  return {
    'nest-cli.json': {
      sourceRoot: 'apps/api/src',
      monorepo: true,
      root: 'apps/api',
      compilerOptions: { tsConfigPath: 'apps/api/tsconfig.app.json', ...builder },
      projects: {
        api: app('api'),
        worker: app('worker'),
        shared: {
          type: 'library',
          root: 'libs/shared',
          sourceRoot: 'libs/shared/src',
          entryFile: 'index',
        },
      },
    },
    'tsconfig.json': {
      compilerOptions: {
        module: 'commonjs',
        outDir: './dist',
        baseUrl: './',
        paths: { '@app/shared': ['libs/shared/src'] },
      },
    },
    'apps/api/tsconfig.app.json': appTsconfig('api'),
    'apps/worker/tsconfig.app.json': appTsconfig('worker'),
    'apps/api/src/main.ts':
      "import { SharedModule } from '@app/shared';\nawait app.listen(3000);\n",
    'apps/worker/src/main.ts': "import { SharedModule } from '@app/shared';\n",
    'libs/shared/src/index.ts': 'export class SharedModule {}\n',
    'src/main.ts': undefined,
    'src/app.module.ts': undefined,
  };
}

test('the standard Nest layout compiles src/main.ts to dist/main.js with an inferred rootDir', async () => {
  const nest = await detect(fixture('npm-basic'));
  assert.deepEqual(nest.entryPath, {
    value: 'dist/main.js',
    source: 'tsconfig.build.json',
    detail: 'rootDir inferred as src',
  });
  assert.deepEqual(nest.outDir, {
    value: 'dist',
    source: 'tsconfig.json',
    detail: 'compilerOptions.outDir',
  });
  assert.deepEqual(nest.tsConfig, { value: 'tsconfig.build.json', source: 'default' });
  assert.deepEqual(nest.builder, { value: 'tsc', source: 'default' });
  assert.deepEqual(nest.sourceRoot, {
    value: 'src',
    source: 'nest-cli.json',
    detail: 'sourceRoot',
  });
  assert.deepEqual(nest.entryFile, { value: 'main', source: 'default' });
  assert.equal(nest.entrySource?.value, 'src/main.ts');
  assert.deepEqual(nest.monorepo, { value: false, source: 'nest-cli.json' });
  assert.equal(nest.project.value, 'orders-api');
  assert.deepEqual(nest.buildScript, {
    value: 'build',
    source: 'package.json',
    detail: 'nest build',
  });
});

test('a seed script in tsconfig.build include pulls rootDir up and the entry to dist/src/main.js', async () => {
  const nest = await detect(fixture('npm-rootdir-inferred'));
  assert.equal(nest.entryPath.value, 'dist/src/main.js');
  assert.equal(nest.entryPath.source, 'tsconfig.build.json');
  assert.match(nest.entryPath.detail ?? '', /because prisma\/seed\.ts is compiled/);
});

test('prisma.config.ts at the root is compiled by the default include and moves the entry to dist/src', async (t) => {
  const root = projectTree(t, { 'prisma.config.ts': PRISMA_CONFIG });
  const nest = await detect(root);
  assert.equal(nest.entryPath.value, 'dist/src/main.js');
  assert.match(nest.entryPath.detail ?? '', /prisma\.config\.ts is compiled/);
});

test('an exclude that covers the seed script keeps the entry at dist/main.js', async (t) => {
  const root = projectTree(t, {
    'prisma/seed.ts': SEED,
    'tsconfig.build.json': {
      extends: './tsconfig.json',
      exclude: ['node_modules', 'dist', 'prisma', '**/*spec.ts'],
    },
  });
  assert.equal((await detect(root)).entryPath.value, 'dist/main.js');
});

test('declaration files outside src do not move an inferred rootDir', async (t) => {
  const root = projectTree(t, { 'typings/globals.d.ts': 'declare const BUILD: string;\n' });
  assert.equal((await detect(root)).entryPath.value, 'dist/main.js');
});

test('an explicit rootDir wins and is reported from the file that sets it', async () => {
  const nest = await detect(fixture('npm-prisma7'));
  assert.deepEqual(nest.entryPath, {
    value: 'dist/main.js',
    source: 'tsconfig.build.json',
    detail: 'rootDir src',
  });
});

test('TypeScript 6 without rootDir writes below the tsconfig folder and warns of TS5011', async (t) => {
  const root = projectTree(t, {
    'package.json': manifestWith({ devDependencies: { typescript: '^6.0.3' } }),
    'tsconfig.build.json': { extends: './tsconfig.json', include: ['src'] },
  });
  const nest = await detect(root);
  assert.equal(nest.entryPath.value, 'dist/src/main.js');
  assert.match(
    nest.entryPath.detail ?? '',
    /TypeScript 6 roots output at the folder of tsconfig\.build\.json and fails with TS5011/,
  );
});

test('TypeScript 6 with sources outside src builds to dist/src/main.js without a warning', async (t) => {
  const root = projectTree(t, {
    'package.json': manifestWith({ devDependencies: { typescript: '^6.0.3' } }),
    'prisma.config.ts': PRISMA_CONFIG,
  });
  const nest = await detect(root);
  assert.equal(nest.entryPath.value, 'dist/src/main.js');
  assert.equal(
    nest.entryPath.detail,
    'TypeScript 6 roots output at the folder of tsconfig.build.json',
  );
});

test('the extends chain is followed through comments, and outDir is placed relative to its own file', async (t) => {
  const root = projectTree(t, {
    'tsconfig.json': undefined,
    'config/tsconfig.base.json':
      '{\n  // shared options\n  "compilerOptions": { "outDir": "../build", "module": "commonjs", },\n}\n',
    'tsconfig.build.json':
      '{ "extends": "./config/tsconfig.base.json", /* app */ "include": ["src/**/*"] }\n',
  });
  const nest = await detect(root);
  assert.deepEqual(nest.outDir, {
    value: 'build',
    source: 'config/tsconfig.base.json',
    detail: 'compilerOptions.outDir',
  });
  assert.equal(nest.entryPath.value, 'build/main.js');
  assert.deepEqual(nest.moduleSystem, {
    value: 'cjs',
    source: 'config/tsconfig.base.json',
    detail: 'module commonjs',
  });
});

test('without tsconfig.build.json the build uses tsconfig.json', async (t) => {
  const root = projectTree(t, { 'tsconfig.build.json': undefined });
  const nest = await detect(root);
  assert.equal(nest.tsConfig.value, 'tsconfig.json');
  assert.equal(nest.entryPath.value, 'dist/main.js');
});

test('a custom sourceRoot and entryFile give the matching compiled name', async (t) => {
  const root = projectTree(t, {
    'nest-cli.json': { sourceRoot: 'server', entryFile: 'bootstrap' },
    'server/bootstrap.ts': 'await app.listen(3000);\n',
    'src/main.ts': undefined,
    'src/app.module.ts': undefined,
  });
  const nest = await detect(root);
  assert.equal(nest.entrySource?.value, 'server/bootstrap.ts');
  assert.equal(nest.entryPath.value, 'dist/bootstrap.js');
  assert.deepEqual(nest.entryFile, {
    value: 'bootstrap',
    source: 'nest-cli.json',
    detail: 'entryFile',
  });
});

test('the swc builder strips the source root folder: dist/main.js', async (t) => {
  const root = projectTree(t, {
    'nest-cli.json': { sourceRoot: 'src', compilerOptions: { builder: 'swc' } },
    'prisma/seed.ts': SEED,
  });
  const nest = await detect(root);
  assert.deepEqual(nest.builder, {
    value: 'swc',
    source: 'nest-cli.json',
    detail: 'compilerOptions.builder',
  });
  assert.equal(nest.entryPath.value, 'dist/main.js');
});

test('the builder object form { type: "webpack" } bundles to dist/main.js', async (t) => {
  const root = projectTree(t, {
    'nest-cli.json': { compilerOptions: { builder: { type: 'webpack', options: {} } } },
  });
  const nest = await detect(root);
  assert.equal(nest.builder.value, 'webpack');
  assert.equal(nest.entryPath.value, 'dist/main.js');
});

test('an unknown builder is refused on nest-cli.json', async (t) => {
  const root = projectTree(t, { 'nest-cli.json': { compilerOptions: { builder: 'esbuild' } } });
  await assertNestshipError(() => detect(root), {
    file: 'nest-cli.json',
    message: /unknown Nest builder "esbuild"/,
  });
});

test('a webpack monorepo bundles the default project to dist/apps/api/main.js', async () => {
  const nest = await detect(fixture('npm-monorepo'));
  assert.deepEqual(nest.monorepo, {
    value: true,
    source: 'nest-cli.json',
    detail: 'monorepo: true',
  });
  assert.deepEqual(nest.projects, ['api', 'worker']);
  assert.equal(nest.project.value, 'api');
  assert.deepEqual(nest.builder, {
    value: 'webpack',
    source: 'nest-cli.json',
    detail: 'compilerOptions.webpack',
  });
  assert.deepEqual(nest.tsConfig, {
    value: 'apps/api/tsconfig.app.json',
    source: 'nest-cli.json',
    detail: 'projects.api.compilerOptions.tsConfigPath',
  });
  assert.equal(nest.entryPath.value, 'dist/apps/api/main.js');
  assert.equal(nest.entrySource?.value, 'apps/api/src/main.ts');
});

test('--project picks another monorepo application', async (t) => {
  const root = projectTree(t, monorepo({ webpack: true }));
  const nest = await detect(root, 'worker');
  assert.deepEqual(nest.project, { value: 'worker', source: 'nest-cli.json', detail: '--project' });
  assert.deepEqual(nest.sourceRoot, {
    value: 'apps/worker/src',
    source: 'nest-cli.json',
    detail: 'projects.worker.sourceRoot',
  });
  assert.equal(nest.tsConfig.value, 'apps/worker/tsconfig.app.json');
  assert.equal(nest.entryPath.value, 'dist/apps/worker/main.js');
});

test('a tsc monorepo that imports a library mirrors the whole tree under the app outDir', async (t) => {
  const root = projectTree(t, monorepo({ webpack: false }));
  const nest = await detect(root);
  assert.deepEqual(nest.builder, {
    value: 'tsc',
    source: 'nest-cli.json',
    detail: 'compilerOptions.webpack false',
  });
  assert.deepEqual(nest.entryPath, {
    value: 'dist/apps/api/apps/api/src/main.js',
    source: 'apps/api/tsconfig.app.json',
    detail: 'rootDir inferred as . because libs/shared/src/index.ts is compiled',
  });
});

test('a tsc monorepo app without library imports compiles to dist/apps/NAME/main.js', async (t) => {
  const tree = monorepo({ webpack: false });
  tree['apps/worker/src/main.ts'] = 'export const worker = true;\n';
  const root = projectTree(t, tree);
  assert.equal((await detect(root, 'worker')).entryPath.value, 'dist/apps/worker/main.js');
});

test('an unknown --project lists the application projects', async (t) => {
  const root = projectTree(t, monorepo({ webpack: true }));
  await assertNestshipError(() => detect(root, 'billing'), {
    file: 'nest-cli.json',
    message: /no application project "billing".*api, worker/,
  });
});

test('ESM comes from "type": "module" with module nodenext', async () => {
  const nest = await detect(fixture('npm-prisma7'));
  assert.deepEqual(nest.moduleSystem, {
    value: 'esm',
    source: 'package.json',
    detail: '"type": "module" with module nodenext',
  });
});

test('CJS comes from nodenext without a "type" field', async () => {
  const nest = await detect(fixture('pnpm-prisma7'));
  assert.equal(nest.moduleSystem.value, 'cjs');
  assert.equal(nest.moduleSystem.source, 'package.json');
});

test('module esnext compiles to ESM whatever package.json says', async (t) => {
  const root = projectTree(t, {
    'tsconfig.json': { compilerOptions: { module: 'esnext', outDir: './dist' } },
  });
  assert.deepEqual((await detect(root)).moduleSystem, {
    value: 'esm',
    source: 'tsconfig.json',
    detail: 'module esnext',
  });
});

test('a missing entry file fails on nest-cli.json with a hint', async (t) => {
  const root = projectTree(t, { 'src/main.ts': undefined });
  await assertNestshipError(() => detect(root), {
    file: 'nest-cli.json',
    message: /entry file src\/main\.ts does not exist/,
    hint: /sourceRoot and entryFile/,
  });
});

test('nest-cli.json that is not valid JSON names the line and column', async (t) => {
  const root = projectTree(t, {
    'nest-cli.json': '{\n  "sourceRoot": "src"\n  "entryFile": "main"\n}\n',
  });
  await assertNestshipError(() => detect(root), {
    file: 'nest-cli.json',
    message: /invalid JSON at line 3, column 3/,
  });
});

test('a relative extends that does not exist is reported', async (t) => {
  const root = projectTree(t, { 'tsconfig.build.json': { extends: './tsconfig.base.json' } });
  await assertNestshipError(() => detect(root), {
    file: 'tsconfig.build.json',
    message: /extends "\.\/tsconfig\.base\.json"/,
  });
});

test('a configured tsConfigPath that does not exist is reported on nest-cli.json', async (t) => {
  const root = projectTree(t, {
    'nest-cli.json': { compilerOptions: { tsConfigPath: 'tsconfig.app.json' } },
  });
  await assertNestshipError(() => detect(root), {
    file: 'nest-cli.json',
    message: /tsconfig tsconfig\.app\.json does not exist/,
  });
});

test('without nest-cli.json the Nest defaults apply', async (t) => {
  const root = projectTree(t, { 'nest-cli.json': undefined });
  const nest = await detect(root);
  assert.deepEqual(nest.sourceRoot, { value: 'src', source: 'default' });
  assert.equal(nest.entryPath.value, 'dist/main.js');
  assert.ok(minimalProject()['nest-cli.json']);
});

test('the TypeScript version the lockfile installs beats the floor of the declared range', async (t) => {
  const root = projectTree(t, {
    'package.json': manifestWith({ devDependencies: { typescript: '>=5.4' } }),
    'tsconfig.build.json': { extends: './tsconfig.json', include: ['src'] },
  });
  const manifest = await readManifest(root);
  assert.equal((await detectNestLayout(root, manifest)).entryPath.value, 'dist/main.js');
  const nest = await detectNestLayout(root, manifest, { typescriptVersion: '6.0.3' });
  assert.equal(nest.entryPath.value, 'dist/src/main.js');
});
