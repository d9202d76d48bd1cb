import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  blankComments,
  findCalls,
  readBootSources,
  resolveArgument,
} from '../../src/detect/source-file.js';
import { assertNestshipError, fixture, projectTree } from './project-tree.js';

test('the boot sources start at the entry and follow relative imports breadth first', async () => {
  const sources = await readBootSources(fixture('npm-prisma7'), 'src/main.ts', 'src');
  assert.deepEqual(
    sources.slice(0, 2).map((source) => source.file),
    ['src/main.ts', 'src/app.module.ts'],
  );
  assert.ok(sources.some((source) => source.file === 'src/health/health.controller.ts'));
});

test('imports that leave the source root, or name packages, are not followed', async (t) => {
  const root = projectTree(t, {
    'src/main.ts':
      "import '../prisma/seed';\nimport { x } from '@nestjs/core';\nimport { y } from './y';\n",
    'src/y/index.ts': 'export const y = 1;\n',
    'prisma/seed.ts': 'app.enableShutdownHooks();\n',
  });
  const sources = await readBootSources(root, 'src/main.ts', 'src');
  assert.deepEqual(
    sources.map((source) => source.file),
    ['src/main.ts', 'src/y/index.ts'],
  );
});

test('a missing entry file is an error naming it', async (t) => {
  const root = projectTree(t, { 'src/main.ts': undefined });
  await assertNestshipError(() => readBootSources(root, 'src/main.ts', 'src'), {
    file: 'src/main.ts',
    message: /does not exist/,
  });
});

test('comments are blanked but strings that look like comments stay', () => {
  const code = blankComments("const url = 'http://x'; // note\n/* block\n line */ call('/*');\n");
  assert.equal(code.split('\n').length, 4);
  assert.ok(code.includes("'http://x'"));
  assert.ok(!code.includes('note'));
  assert.ok(!code.includes('block'));
  assert.ok(code.includes("call('/*')"));
});

test('call arguments are split at top-level commas only', () => {
  const [call] = findCalls(
    "await app.listen(Number(process.env.PORT ?? 3000), fn(a, b), 'x,y');",
    /\.listen/,
  );
  assert.deepEqual(call?.args, ['Number(process.env.PORT ?? 3000)', 'fn(a, b)', "'x,y'"]);
});

test('arguments resolve through constants and config properties', () => {
  const sources = [
    {
      file: 'src/a.ts',
      code: "const HOST = '::';\nconst cfg = { port: parseInt(env.PORT ?? '80', 10), host: 'h' };\n",
    },
  ];
  assert.equal(resolveArgument('HOST', sources), "'::'");
  assert.equal(resolveArgument('cfg.port', sources), "parseInt(env.PORT ?? '80', 10)");
  assert.equal(resolveArgument('other.value', sources), 'other.value');
});

test('a member type in an interface is skipped for the property that holds the value', () => {
  const sources = [
    {
      file: 'src/config.ts',
      code: 'export interface AppConfig {\n  port: number;\n  host: string;\n}\n',
    },
    {
      file: 'src/load.ts',
      code: "return { port: readInteger(env, 'PORT', 3000), host: HOST };\nconst HOST = '0.0.0.0';\n",
    },
  ];
  assert.equal(resolveArgument('config.port', sources), "readInteger(env, 'PORT', 3000)");
  assert.equal(resolveArgument('config.host', sources), "'0.0.0.0'");
});
