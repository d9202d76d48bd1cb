import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectShutdownHooks } from '../../src/detect/shutdown.js';
import { readBootSources } from '../../src/detect/source-file.js';
import { fixture, projectTree } from './project-tree.js';

test('enableShutdownHooks() in the entry source is found with its line', async () => {
  const hooks = detectShutdownHooks(
    await readBootSources(fixture('npm-basic'), 'src/main.ts', 'src'),
  );
  assert.deepEqual(hooks, {
    value: true,
    source: 'src/main.ts',
    detail: 'enableShutdownHooks() at line 6',
  });
});

test('an entry source without the call reports false from that file', async () => {
  const hooks = detectShutdownHooks(
    await readBootSources(fixture('npm-fastify'), 'src/main.ts', 'src'),
  );
  assert.deepEqual(hooks, {
    value: false,
    source: 'src/main.ts',
    detail: 'enableShutdownHooks() not called',
  });
});

test('a commented-out call does not count', async (t) => {
  const root = projectTree(t, {
    'src/main.ts':
      'const app = await NestFactory.create(AppModule);\n// app.enableShutdownHooks();\n/* app.enableShutdownHooks(); */\n',
  });
  assert.equal(detectShutdownHooks(await readBootSources(root, 'src/main.ts', 'src')).value, false);
});

test("the call in a monorepo app is read from that app's entry", async () => {
  const hooks = detectShutdownHooks(
    await readBootSources(fixture('npm-monorepo'), 'apps/api/src/main.ts', 'apps/api/src'),
  );
  assert.equal(hooks.value, true);
  assert.equal(hooks.source, 'apps/api/src/main.ts');
});

test('a call in a file the entry imports is found in that file', async (t) => {
  const root = projectTree(t, {
    'src/main.ts': "import { bootstrap } from './bootstrap.js';\nawait bootstrap();\n",
    'src/bootstrap.ts':
      "import { configureApp } from './app.setup';\nexport async function bootstrap() {\n  configureApp(app);\n}\n",
    'src/app.setup.ts':
      "export function configureApp(app) {\n  app.enableShutdownHooks(['SIGTERM']);\n}\n",
  });
  const hooks = detectShutdownHooks(await readBootSources(root, 'src/main.ts', 'src'));
  assert.deepEqual(hooks, {
    value: true,
    source: 'src/app.setup.ts',
    detail: 'enableShutdownHooks() at line 2',
  });
});
