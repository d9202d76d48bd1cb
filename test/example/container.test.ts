// The example on a real engine: the image builds with BuildKit, the `migrate` target carries what
// migrations need, the app container serves the API on a loopback port, survives a restart with
// its data, and under load loses no accepted request when SIGTERM arrives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  buildImage,
  freePort,
  removeContainer,
  removeImages,
  requireEngine,
  runDetached,
} from '../support/engine.js';
import { freshDatabase, requirePostgres } from '../support/postgres.js';
import { applySql, EXAMPLE_DIR, migrationFiles, OFFLINE_PRISMA_ENV, run } from './example.js';

const ROOT = join(EXAMPLE_DIR, '..', '..');
const tag = `nestship-example-test:${process.pid}`;
const migrateTag = `nestship-example-test:${process.pid}-migrate`;

// The guide's runtime heap, passed explicitly so the load test runs with it whatever the default.
const RUNTIME_NODE_MEMORY = '384';

/** Runs the docker client with BuildKit on; resolves with its output, throws on a non-zero exit. */
async function docker(client: string, args: string[]): Promise<string> {
  const result = await run(client, args, {
    cwd: ROOT,
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
  });
  if (result.code !== 0)
    throw new Error(
      `docker ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`,
    );
  return result.stdout;
}

async function inspect<T>(client: string, id: string, format: string): Promise<T> {
  return JSON.parse(await docker(client, ['inspect', '--format', `{{json ${format}}}`, id])) as T;
}

/** Polls /health/ready until it answers 200; fails at once, with the logs, if the container ends. */
async function waitReady(client: string, id: string, port: number): Promise<number> {
  const started = performance.now();
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (!(await inspect<boolean>(client, id, '.State.Running'))) {
      const logs = await run(client, ['logs', id]);
      throw new Error(`the container ended before it was ready:\n${logs.stdout}${logs.stderr}`);
    }
    await sleep(200);
  }
  throw new Error('the container never reported ready');
}

async function api(
  port: number,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json' },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function startApp(
  t: TestContext,
  client: string,
  url: string,
): Promise<{ id: string; port: number }> {
  const port = await freePort();
  const id = await runDetached(['-e', `DATABASE_URL=${url}`, '-e', `PORT=${port}`, tag]);
  t.after(() => removeContainer(id));
  const readyMs = await waitReady(client, id, port);
  t.diagnostic(`ready ${Math.round(readyMs)} ms after docker run returned`);
  return { id, port };
}

const CONNECTIONS = 16;

/** Waits until at least `count` TCP connections to the port are established (read with ss). */
async function waitConnections(port: number, count: number): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const ss = await run('ss', ['-H', '-t', '-n', 'state', 'established', `( sport = :${port} )`]);
    if (ss.stdout.trim().split('\n').filter(Boolean).length >= count) return;
    await sleep(100);
  }
  throw new Error(`the load never opened ${count} connections`);
}

interface ImageContents {
  prismaCli: string | null;
  prismaClient: string | null;
  config: boolean;
  schema: boolean;
  main: boolean;
  migrations: Record<string, string>;
  uid: number;
}

/** What an image holds, read by probes/image-contents.cjs run inside it. */
async function imageContents(client: string, image: string): Promise<ImageContents> {
  const script = readFileSync(join(import.meta.dirname, 'probes', 'image-contents.cjs'), 'utf8');
  const args = ['run', '--rm', '--network', 'host', '--entrypoint', 'node', image, '-e', script];
  return JSON.parse(await docker(client, args)) as ImageContents;
}

/** The version the example's lockfile pins for a package. */
function lockedVersion(pkg: string): string {
  const lock = JSON.parse(readFileSync(join(EXAMPLE_DIR, 'package-lock.json'), 'utf8'));
  return lock.packages[`node_modules/${pkg}`].version;
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

test('the example in containers: builds, migrates, serves, restarts, and drains under load', async (t) => {
  const client = await requireEngine(t);
  if (client === undefined) return;
  if ((await requirePostgres(t)) === undefined) return;
  t.after(() => removeImages(tag, migrateTag));
  const url = await freshDatabase(t);

  await t.test('the runtime image and the migrate target build with BuildKit', async () => {
    const buildArgs = { ...OFFLINE_PRISMA_ENV, RUNTIME_NODE_MEMORY };
    const started = performance.now();
    await buildImage({ context: EXAMPLE_DIR, tag, buildArgs });
    t.diagnostic(`runtime image built in ${Math.round((performance.now() - started) / 1000)} s`);
    await buildImage({ context: EXAMPLE_DIR, tag: migrateTag, target: 'migrate', buildArgs });
  });

  await t.test(
    'the migrate target carries the pinned Prisma CLI, its config and the migrations',
    async () => {
      const found = await imageContents(client, migrateTag);
      assert.equal(found.prismaCli, lockedVersion('prisma'), 'the CLI is the lockfile-pinned one');
      assert.equal(found.config, true, 'prisma.config.ts is in the image');
      assert.equal(found.schema, true, 'the schema is in the image');
      assert.equal(found.uid, 1000, 'it runs as the numeric non-root user');
      const committed = Object.fromEntries(
        migrationFiles().map((f) => [f, sha256(readFileSync(join(EXAMPLE_DIR, f)))]),
      );
      assert.deepEqual(found.migrations, committed, 'the image carries the committed migrations');
      const cmd = await inspect<string[]>(client, migrateTag, '.Config.Cmd');
      assert.match(cmd.join(' '), /prisma migrate deploy$/, 'the target runs the migrations only');
    },
  );

  await t.test(
    'the migrations taken from the migrate image apply to a fresh database (psql)',
    async () => {
      // `prisma migrate deploy` needs a native schema engine from Prisma's servers, which these
      // machines cannot reach; the SQL it would run is applied from the image with psql instead.
      for (const file of migrationFiles()) {
        const sql = await docker(client, [
          'run',
          '--rm',
          '--network',
          'host',
          '--entrypoint',
          'cat',
          migrateTag,
          file,
        ]);
        await applySql(url, sql);
      }
    },
  );

  await t.test(
    'the runtime image holds the app and its client, not the Prisma CLI, and runs as uid 1000',
    async () => {
      const found = await imageContents(client, tag);
      assert.equal(found.prismaCli, null, 'the Prisma CLI stays out of the runtime');
      assert.equal(found.prismaClient, lockedVersion('@prisma/client'));
      assert.equal(found.main, true, 'dist/main.js is there');
      assert.equal(found.uid, 1000);
      const env = await inspect<string[]>(client, tag, '.Config.Env');
      const heap = `--max-old-space-size=${RUNTIME_NODE_MEMORY}`;
      assert.ok(
        env.some((e) => e.startsWith('NODE_OPTIONS=') && e.includes(heap)),
        env.join(' '),
      );
    },
  );

  let accounts: Array<{ id: string; email: string }> = [];

  await t.test(
    'the app container serves the API on a loopback port and survives a restart with its data',
    async (t) => {
      const { id, port } = await startApp(t, client, url);
      for (const name of ['ada', 'grace', 'barbara']) {
        const res = await api(port, '/accounts', {
          method: 'POST',
          body: JSON.stringify({
            email: `${name}@example.com`,
            name,
            password: 'correct horse battery staple',
          }),
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        accounts.push(res.body);
      }
      assert.equal((await api(port, `/accounts/${accounts[0]!.id}`)).status, 200);
      assert.equal(
        (
          await api(port, '/accounts', {
            method: 'POST',
            body: JSON.stringify({
              email: 'ADA@example.com',
              name: 'x',
              password: 'correct horse battery staple',
            }),
          })
        ).status,
        409,
      );

      const started = performance.now();
      await docker(client, ['restart', '--time', '10', id]);
      t.diagnostic(`docker restart took ${Math.round(performance.now() - started)} ms`);
      await waitReady(client, id, port);
      for (const account of accounts) {
        const res = await api(port, `/accounts/${account.id}`);
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, account);
      }
      assert.equal((await api(port, '/accounts')).body.total, accounts.length);

      // The image's HEALTHCHECK (node's fetch; the image has no curl) reports the container healthy.
      const healthStarted = performance.now();
      let health = '';
      for (let attempt = 0; attempt < 120 && health !== 'healthy'; attempt++) {
        health = await inspect<string>(client, id, '.State.Health.Status');
        if (health !== 'healthy') await sleep(1000);
      }
      t.diagnostic(
        `docker reported the container ${health} ${Math.round((performance.now() - healthStarted) / 1000)} s after the restart`,
      );
      assert.equal(health, 'healthy');
    },
  );

  await t.test(
    'under load, SIGTERM loses no accepted request and the container exits well inside the grace period',
    async (t) => {
      const { id, port } = await startApp(t, client, url);
      // A second process puts the load on: autocannon, keep-alive connections, listing accounts.
      const load = run(
        process.execPath,
        [
          join(ROOT, 'node_modules', 'autocannon', 'autocannon.js'),
          '--json',
          '--connections',
          String(CONNECTIONS),
          '--duration',
          '15',
          `http://127.0.0.1:${port}/accounts?limit=10`,
        ],
        { cwd: ROOT },
      );
      // SIGTERM goes in mid-load: once every autocannon connection is established, and after a
      // little of the load has run.
      await waitConnections(port, CONNECTIONS);
      await sleep(2000);

      // `docker stop` sends SIGTERM and waits up to its grace period (10 s) before SIGKILL; exit
      // code 0 rather than 137 means the app ended by itself, inside that period.
      const memory = (
        await docker(client, ['stats', '--no-stream', '--format', '{{.MemUsage}}', id])
      ).trim();
      const stopStarted = performance.now();
      await docker(client, ['stop', '--time', '10', id]);
      const stopMs = performance.now() - stopStarted;
      const state = await inspect<{ ExitCode: number; OOMKilled: boolean }>(client, id, '.State');

      const result = await load;
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout);
      const logs = await run(client, ['logs', id]);
      const appLog = `${logs.stdout}${logs.stderr}`;
      const drained = /drained in (\d+) ms: received=(\d+) answered=(\d+) unanswered=(\d+)/.exec(
        appLog,
      );
      const inFlight = /SIGTERM: draining (\d+) in-flight/.exec(appLog)?.[1];

      t.diagnostic(
        `requests answered (2xx) ${report['2xx']}, non-2xx ${report.non2xx}, connection errors ${report.errors} (refused after the listener closed), timeouts ${report.timeouts}`,
      );
      t.diagnostic(
        `latency p50 ${report.latency.p50} ms, p99 ${report.latency.p99} ms, max ${report.latency.max} ms`,
      );
      t.diagnostic(
        `SIGTERM to exit (docker stop) ${Math.round(stopMs)} ms; in flight at SIGTERM ${inFlight}; app drain ${drained?.[1]} ms`,
      );
      t.diagnostic(`container memory under load ${memory} (heap limit ${RUNTIME_NODE_MEMORY} MB)`);
      t.diagnostic(
        `app tally: received ${drained?.[2]}, answered ${drained?.[3]}, unanswered ${drained?.[4]}; exit code ${state.ExitCode}`,
      );

      assert.equal(state.OOMKilled, false);
      assert.equal(
        state.ExitCode,
        0,
        'the app exits by itself after SIGTERM, before docker would SIGKILL it',
      );
      assert.ok(drained, `the app logged no drain tally:\n${appLog}`);
      const [received, answered, unanswered] = drained.slice(2).map(Number) as [
        number,
        number,
        number,
      ];
      assert.ok(received > 0, 'the load reached the app');
      assert.equal(unanswered, 0, 'every request the app accepted was answered');
      assert.equal(answered, received);
      // Every answer the app wrote reached the client whole, and none was an error.
      assert.equal(report['2xx'], answered);
      assert.equal(report.non2xx, 0);
      assert.equal(report.timeouts, 0);
    },
  );
});
