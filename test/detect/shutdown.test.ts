import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectShutdownHooks } from '../../src/detect/shutdown.js';
import { readSourceFile } from '../../src/detect/source-file.js';
import { fixture, projectTree } from './project-tree.js';

test('enableShutdownHooks() in the entry source is found with its line', async () => {
  const hooks = detectShutdownHooks(await readSourceFile(fixture('npm-basic'), 'src/main.ts'));
  assert.deepEqual(hooks, { value: true, source: 'src/main.ts', detail: 'enableShutdownHooks() at line 6' });
});

test('an entry source without the call reports false from that file', async () => {
  const hooks = detectShutdownHooks(await readSourceFile(fixture('npm-fastify'), 'src/main.ts'));
  assert.deepEqual(hooks, { value: false, source: 'src/main.ts', detail: 'enableShutdownHooks() not called' });
});

test('a commented-out call does not count', async (t) => {
  const root = projectTree(t, {
    'src/main.ts': "const app = await NestFactory.create(AppModule);\n// app.enableShutdownHooks();\n/* app.enableShutdownHooks(); */\n",
  });
  assert.equal(detectShutdownHooks(await readSourceFile(root, 'src/main.ts')).value, false);
});

test('the call in a monorepo app is read from that app\'s entry', async () => {
  const hooks = detectShutdownHooks(await readSourceFile(fixture('npm-monorepo'), 'apps/api/src/main.ts'));
  assert.equal(hooks.value, true);
  assert.equal(hooks.source, 'apps/api/src/main.ts');
});
