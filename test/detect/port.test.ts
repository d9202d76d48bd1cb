import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPort } from '../../src/detect/port.js';
import { readBootSources } from '../../src/detect/source-file.js';
import { fixture, projectTree } from './project-tree.js';

async function portOf(root: string) {
  return detectPort(await readBootSources(root, 'src/main.ts', 'src'));
}

test('the fallback after process.env.PORT is the port', async () => {
  assert.deepEqual(await portOf(fixture('npm-basic')), {
    value: 3000,
    source: 'src/main.ts',
    detail: 'app.listen at line 7',
  });
});

test('a port constant built with Number(process.env.PORT ?? 8080) is followed', async () => {
  const port = await portOf(fixture('npm-fastify'));
  assert.equal(port.value, 8080);
  assert.equal(port.source, 'src/main.ts');
});

test("parseInt(process.env.PORT || '3000', 10) reads as 3000", async () => {
  assert.equal((await portOf(fixture('npm-prisma6'))).value, 3000);
});

test('a literal port and a config.get default are read', async (t) => {
  const literal = projectTree(t, { 'src/main.ts': 'await app.listen(5000);\n' });
  assert.equal((await portOf(literal)).value, 5000);
  const config = projectTree(t, {
    'src/main.ts':
      "const config = app.get(ConfigService);\nawait app.listen(config.get('PORT', 4100));\n",
  });
  assert.equal((await portOf(config)).value, 4100);
});

test('a port the source does not spell out falls back to 3000 from default', async (t) => {
  const root = projectTree(t, { 'src/main.ts': "await app.listen(config.get<number>('PORT'));\n" });
  assert.deepEqual(await portOf(root), {
    value: 3000,
    source: 'default',
    detail: 'no port literal in the boot sources',
  });
});

test("a listen call on config.port is followed to the config loader's PORT default", async (t) => {
  const root = projectTree(t, {
    'src/main.ts': "const { bootstrap } = await import('./bootstrap.js');\nawait bootstrap();\n",
    'src/bootstrap.ts':
      "import { loadConfig } from './config/config.js';\nconst config = loadConfig(process.env);\nawait app.listen(config.port, config.host);\n",
    'src/config/config.ts':
      "export function loadConfig(env) {\n  return {\n    port: readInteger(env, 'PORT', 8081, 1, 65535),\n    host: '0.0.0.0',\n  };\n}\n",
  });
  assert.deepEqual(await portOf(root), {
    value: 8081,
    source: 'src/bootstrap.ts',
    detail: 'app.listen at line 3',
  });
});
