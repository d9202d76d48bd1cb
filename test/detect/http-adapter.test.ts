import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectHttpAdapter } from '../../src/detect/http-adapter.js';
import { readManifest } from '../../src/detect/manifest.js';
import { readBootSources } from '../../src/detect/source-file.js';
import { fixture, manifestWith, projectTree } from './project-tree.js';

async function detect(root: string) {
  return detectHttpAdapter(
    await readManifest(root),
    await readBootSources(root, 'src/main.ts', 'src'),
  );
}

/** An entry source that boots with the given adapter expression and listen call. */
function main(adapter: string, listen: string, extra = ''): string {
  return [
    "import { NestFactory } from '@nestjs/core';",
    "import { FastifyAdapter } from '@nestjs/platform-fastify';",
    extra,
    'async function bootstrap() {',
    `  const app = await NestFactory.create(AppModule${adapter});`,
    `  await app.listen(${listen});`,
    '}',
  ].join('\n');
}

test('Fastify listening on localhost is read from the entry source', async () => {
  const http = await detect(fixture('npm-fastify'));
  assert.deepEqual(http.adapter, {
    value: 'fastify',
    source: 'src/main.ts',
    detail: 'FastifyAdapter at line 12',
  });
  assert.deepEqual(http.listenHost, {
    value: 'localhost',
    source: 'src/main.ts',
    detail: 'app.listen at line 16',
  });
});

test('express is read from its platform package, and 0.0.0.0 from the listen call', async () => {
  const http = await detect(fixture('npm-prisma7'));
  assert.deepEqual(http.adapter, {
    value: 'express',
    source: 'package.json',
    detail: '@nestjs/platform-express',
  });
  assert.equal(http.listenHost?.value, '0.0.0.0');
});

test('no host argument means no listenHost fact', async () => {
  assert.equal((await detect(fixture('npm-basic'))).listenHost, undefined);
});

test('a host held in a constant or behind an env fallback is followed', async (t) => {
  const constant = projectTree(t, {
    'src/main.ts': main(
      ', new FastifyAdapter()',
      'port, HOST',
      "const HOST = '127.0.0.1';\nconst port = 3000;",
    ),
  });
  assert.equal((await detect(constant)).listenHost?.value, '127.0.0.1');
  const fallback = projectTree(t, {
    'src/main.ts': main(', new FastifyAdapter()', "3000, process.env.HOST ?? '0.0.0.0'"),
  });
  assert.equal((await detect(fallback)).listenHost?.value, '0.0.0.0');
});

test('a commented-out FastifyAdapter does not count; the platform package decides', async (t) => {
  const root = projectTree(t, {
    'package.json': manifestWith({
      dependencies: { '@nestjs/core': '^11.1.6', '@nestjs/platform-express': '^11.1.6' },
    }),
    'src/main.ts': main(
      ' /* , new FastifyAdapter() */',
      '3000',
      '// new FastifyAdapter({ logger: true })',
    ),
  });
  assert.equal((await detect(root)).adapter.value, 'express');
});

test('only @nestjs/platform-fastify declared means fastify from package.json', async (t) => {
  const root = projectTree(t, {
    'package.json': manifestWith({
      dependencies: { '@nestjs/core': '^11.1.6', '@nestjs/platform-fastify': '^11.1.6' },
    }),
  });
  assert.deepEqual((await detect(root)).adapter, {
    value: 'fastify',
    source: 'package.json',
    detail: '@nestjs/platform-fastify',
  });
});

test('a host read from a config property in an imported file is followed', async (t) => {
  const root = projectTree(t, {
    'src/main.ts': "import { bootstrap } from './bootstrap';\nvoid bootstrap();\n",
    'src/bootstrap.ts':
      "import { settings } from './settings';\nawait app.listen(settings.port, settings.host);\n",
    'src/settings.ts':
      "export const settings = { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '0.0.0.0' };\n",
  });
  assert.deepEqual((await detect(root)).listenHost, {
    value: '0.0.0.0',
    source: 'src/bootstrap.ts',
    detail: 'app.listen at line 2',
  });
});
