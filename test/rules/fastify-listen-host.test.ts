import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fastifyListenHost } from '../../src/rules/fastify-listen-host.js';
import { lines, lintWith, nestProfile } from './helpers.js';

const main = lines('const app = await NestFactory.create(AppModule, new FastifyAdapter());', "await app.listen(8080, 'localhost');");
const fastify = (host: string | undefined) =>
  nestProfile({
    http: {
      adapter: { value: 'fastify', source: 'package.json' },
      listenHost: host === undefined ? undefined : { value: host, source: 'src/main.ts' },
    },
  });
const where = (findings: ReturnType<typeof lintWith>) => findings.map((f) => [f.id, f.location.file, f.location.line, f.location.column]);

test('Fastify on localhost, or with no host, is reported at the listen call', () => {
  const files = { 'src/main.ts': main };
  assert.deepEqual(where(lintWith(fastifyListenHost, 'FROM node:22-slim\n', { profile: fastify('localhost'), files })), [['NS204', 'src/main.ts', 2, 1]]);
  assert.deepEqual(where(lintWith(fastifyListenHost, 'FROM node:22-slim\n', { profile: fastify(undefined), files })), [['NS204', 'src/main.ts', 2, 1]]);
});

test('Fastify on 0.0.0.0 and Express pass', () => {
  assert.deepEqual(lintWith(fastifyListenHost, 'FROM node:22-slim\n', { profile: fastify('0.0.0.0') }), []);
  assert.deepEqual(lintWith(fastifyListenHost, 'FROM node:22-slim\n', { profile: nestProfile() }), []);
});
