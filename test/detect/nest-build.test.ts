/**
 * The detected entry path against the real Nest CLI: each project shape is built with `nest build` and
 * the compiled entry must be where detection says. One toolchain (Nest 11, TypeScript 5, webpack) is
 * installed from the npm registry once and linked into copies of the fixtures.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { detectProfile } from '../../src/detect/index.js';
import { fixture } from './project-tree.js';

const TOOLCHAIN = {
  name: 'nest-toolchain',
  private: true,
  dependencies: {
    '@nestjs/cli': '11.0.10',
    '@nestjs/common': '11.1.6',
    '@nestjs/core': '11.1.6',
    '@nestjs/platform-express': '11.1.6',
    '@types/node': '22.18.0',
    'reflect-metadata': '0.2.2',
    rxjs: '7.8.2',
    'ts-loader': '9.5.2',
    'tsconfig-paths': '4.2.0',
    typescript: '5.9.2',
    webpack: '5.101.3',
  },
};

let workspace = '';
let toolchainError: string | undefined;

before(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'nestship-nest-build-'));
  const toolchain = path.join(workspace, 'toolchain');
  cpSync(fixture('npm-basic'), toolchain, {
    recursive: true,
    filter: (source) => !source.endsWith('.ts'),
  });
  writeFileSync(path.join(toolchain, 'package.json'), JSON.stringify(TOOLCHAIN));
  rmSync(path.join(toolchain, 'package-lock.json'), { force: true });
  const install = spawnSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--prefer-offline',
      '--loglevel=error',
    ],
    {
      cwd: toolchain,
      encoding: 'utf8',
    },
  );
  if (install.status !== 0)
    toolchainError = `npm install of the Nest toolchain failed: ${install.stderr.trim().split('\n').pop()}`;
});

after(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

/** Skips (or, under CI, fails) when the registry could not provide the toolchain. */
function requireToolchain(t: TestContext): boolean {
  if (!toolchainError) return true;
  if (process.env['CI']) throw new Error(toolchainError);
  t.skip(toolchainError);
  return false;
}

/** A copy of a fixture, changed by `edit`, with the toolchain's node_modules linked in. */
function copyOf(name: string, edit: (root: string) => void = () => {}): string {
  const root = path.join(workspace, `${name}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(fixture(name), root, { recursive: true });
  symlinkSync(
    path.join(workspace, 'toolchain', 'node_modules'),
    path.join(root, 'node_modules'),
    'dir',
  );
  edit(root);
  return root;
}

/** Runs `nest build [project]`; type errors still emit, so the exit code is not the point. */
function nestBuild(root: string, project?: string): string {
  const cli = path.join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
  const result = spawnSync(process.execPath, [cli, 'build', ...(project ? [project] : [])], {
    cwd: root,
    encoding: 'utf8',
  });
  return `${result.stdout}${result.stderr}`;
}

async function assertEntryBuilt(root: string, project?: string): Promise<string> {
  const profile = await detectProfile(root, project ? { project } : {});
  const output = nestBuild(root, project);
  const entry = profile.nest.entryPath.value;
  assert.ok(existsSync(path.join(root, entry)), `nest build did not write ${entry}:\n${output}`);
  return entry;
}

function editJson(file: string, change: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

test('nest build writes the standard layout where detection says: dist/main.js', async (t) => {
  if (!requireToolchain(t)) return;
  assert.equal(await assertEntryBuilt(copyOf('npm-basic')), 'dist/main.js');
});

test('nest build writes dist/src/main.js when tsconfig.build includes the seed script', async (t) => {
  if (!requireToolchain(t)) return;
  assert.equal(await assertEntryBuilt(copyOf('npm-rootdir-inferred')), 'dist/src/main.js');
});

test('nest build writes dist/src/main.js when prisma.config.ts sits at the root', async (t) => {
  if (!requireToolchain(t)) return;
  const root = copyOf('npm-basic', (dir) =>
    writeFileSync(path.join(dir, 'prisma.config.ts'), 'export default {};\n'),
  );
  assert.equal(await assertEntryBuilt(root), 'dist/src/main.js');
});

test('nest build bundles a webpack monorepo app to dist/apps/NAME/main.js', async (t) => {
  if (!requireToolchain(t)) return;
  assert.equal(
    await assertEntryBuilt(copyOf('npm-monorepo'), 'worker'),
    'dist/apps/worker/main.js',
  );
});

test('nest build with tsc in a monorepo mirrors the tree under the app outDir', async (t) => {
  if (!requireToolchain(t)) return;
  const root = copyOf('npm-monorepo', (dir) =>
    editJson(path.join(dir, 'nest-cli.json'), (json) => {
      (json['compilerOptions'] as Record<string, unknown>)['webpack'] = false;
    }),
  );
  assert.equal(await assertEntryBuilt(root), 'dist/apps/api/apps/api/src/main.js');
});

test('nest build honours a custom entryFile and an explicit rootDir', async (t) => {
  if (!requireToolchain(t)) return;
  const root = copyOf('yarn-classic-basic', (dir) => {
    editJson(path.join(dir, 'nest-cli.json'), (json) => {
      json['entryFile'] = 'server';
    });
    cpSync(path.join(dir, 'src', 'main.ts'), path.join(dir, 'src', 'server.ts'));
    rmSync(path.join(dir, 'src', 'main.ts'));
    editJson(path.join(dir, 'tsconfig.build.json'), (json) => {
      json['compilerOptions'] = { rootDir: './src', outDir: './build' };
      json['include'] = ['src'];
    });
  });
  assert.equal(await assertEntryBuilt(root), 'build/server.js');
});
