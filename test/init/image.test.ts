/**
 * The images init generates build on a real BuildKit engine and run: the npm variants with Prisma 7
 * (argon2, adapter-pg, a real PostgreSQL) and without Prisma. Alpine cannot be built on the test
 * machines (no musl Node.js, no Alpine packages reachable), so the project without Prisma is
 * initialised with --base slim; its alpine output is covered by the golden tests, unbuilt.
 *
 * Each image must run as uid 1000 with node as PID 1, answer on its port, and stop on SIGTERM
 * (the stop time is reported, not asserted). A one-line source change must rebuild no dependency
 * step and ship new layers no bigger than the compiled dist/.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { init, type InitOptions } from '../../src/init/index.js';
import { buildImage, freePort, removeContainer, removeImages, requireEngine, runDetached } from '../support/engine.js';
import { freshDatabase, psql, requirePostgres } from '../support/postgres.js';
import { buildSteps, execIn, newLayerBytes, stopSeconds, waitForHttp } from './image-support.js';

const exec = promisify(execFile);
const fixtures = join(import.meta.dirname, '../fixtures/projects');
const scratch = await mkdtemp(join(tmpdir(), 'nestship-image-'));
const tags: string[] = [];
after(async () => {
  // One by one, so an image that is already gone does not keep the others.
  for (const tag of tags) await removeImages(tag).catch(() => undefined);
  await rm(scratch, { recursive: true, force: true });
});

let client = 'docker';
const docker = () => client;

/** Prisma 7 generate runs offline only with this set; users' builds reach Prisma's servers. */
const OFFLINE = { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false' };

async function initialised(fixture: string, options: InitOptions): Promise<string> {
  const dir = join(scratch, fixture);
  await cp(join(fixtures, fixture), dir, { recursive: true });
  const result = await init(dir, options);
  assert.equal(result.conflicts.length, 0);
  return dir;
}

async function build(t: TestContext, dir: string, tag: string, target = 'runner') {
  tags.push(tag);
  const { log } = await buildImage({ context: dir, target, tag, buildArgs: OFFLINE });
  t.diagnostic(`built ${tag}`);
  return log;
}

/** Starts the image on a free loopback port; the container is removed when the test ends. */
async function start(t: TestContext, tag: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const envArgs = Object.entries({ PORT: String(port), ...env }).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const id = await runDetached([...envArgs, tag]);
  t.after(async () => {
    if ((t as { passed?: boolean }).passed === false) {
      const logs = await exec(docker(), ['logs', '--tail', '30', id]).catch((error: Error) => ({ stdout: '', stderr: error.message }));
      t.diagnostic(`container log:\n${logs.stdout}${logs.stderr}`);
    }
    await removeContainer(id);
  });
  return { id, port };
}

async function assertRuntimeShape(docker: string, id: string, entry: string) {
  assert.equal((await execIn(docker, id, ['id', '-u'])).trim(), '1000', 'runs as uid 1000');
  const pid1 = (await execIn(docker, id, ['cat', '/proc/1/cmdline'])).split('\0').filter(Boolean);
  assert.deepEqual(pid1, ['node', entry], 'node is PID 1 with the detected entry');
  const write = await exec(docker, ['exec', id, 'sh', '-c', 'touch dist/probe 2>&1 || echo refused']);
  assert.match(write.stdout, /refused|Permission denied/, 'the app cannot write its own files');
}

/** Stops with SIGTERM and checks the engine did not have to kill it; returns the seconds taken. */
async function assertStopsOnSigterm(docker: string, id: string): Promise<number> {
  const seconds = await stopSeconds(docker, id);
  const { stdout } = await exec(docker, ['inspect', '--format', '{{.State.ExitCode}} {{.State.OOMKilled}}', id]);
  const [code] = stdout.trim().split(' ');
  assert.notEqual(code, '137', 'the container exited on SIGTERM, not on the SIGKILL after the grace period');
  return seconds;
}

/** A one-line change of real code (a comment would be stripped from dist/). */
async function changeOneLine(dir: string): Promise<void> {
  await appendFile(join(dir, 'src/main.ts'), `\nexport const changedAt = ${Date.now()};\n`);
}

/**
 * The engine's build cache is shared with every other build on the machine, and a prune elsewhere
 * can empty it between two builds; the base stage's WORKDIR then misses too. In that one case the
 * change is made once more against a fresh build, so the test measures the Dockerfile, not the prune.
 */
async function rebuildAfterChange(t: TestContext, dir: string, tag: string): Promise<{ before: string; log: string }> {
  await changeOneLine(dir);
  const log = await build(t, dir, `${tag}-changed`);
  const evicted = buildSteps(log).some((s) => /^\[base /.test(s.name) && !s.cached && !/ FROM /.test(s.name));
  if (!evicted) return { before: tag, log };
  t.diagnostic('the build cache was emptied between the two builds (a prune elsewhere); measuring again');
  await changeOneLine(dir);
  return { before: `${tag}-changed`, log: await build(t, dir, `${tag}-changed-again`) };
}

async function assertSourceChangeShipsOnlyDist(t: TestContext, docker: string, dir: string, tag: string) {
  const { before, log } = await rebuildAfterChange(t, dir, tag);
  const after = before === tag ? `${tag}-changed` : `${tag}-changed-again`;
  const steps = buildSteps(log);
  t.diagnostic(`rebuilt steps: ${steps.filter((s) => !s.cached).map((s) => s.name.slice(0, 60)).join(' | ')}`);
  // The installs are what a source change must not repeat; the runtime's node_modules layer is
  // checked by its bytes below.
  const installs = steps.filter((s) => /^\[(deps|prod-deps|pm) [^\]]*\] RUN /.test(s.name));
  assert.ok(installs.length >= 2, `install steps found in the log: ${installs.length}`);
  for (const step of installs) assert.ok(step.cached, `${step.name} came from the cache`);
  const shipped = await newLayerBytes(docker, before, after);
  const { stdout } = await exec(docker, ['run', '--rm', '--entrypoint', 'sh', after, '-c', 'tar -cf - dist | wc -c']);
  const distBytes = Number(stdout.trim());
  // The layer also holds the three parent folders of dist/ (512 bytes each) and tar's end padding.
  assert.ok(shipped <= distBytes + 10_240 + 3 * 512, `new layers ${shipped} B, dist/ ${distBytes} B`);
  t.diagnostic(`one-line source change ships ${shipped} bytes; dist/ is ${distBytes} bytes as a tar`);
}

describe('generated images on a real engine', () => {
  test('npm with Prisma 7: builds, serves from PostgreSQL as uid 1000, stops on SIGTERM', async (t) => {
    const docker = await requireEngine(t);
    if (!docker || !(await requirePostgres(t))) return;
    client = docker;
    const dir = await initialised('npm-prisma7', {});
    const tag = 'nestship-test-init-prisma7';
    await build(t, dir, tag);

    // Migrations: the pinned CLI cannot fetch its schema engine here, so the committed SQL is applied
    // with psql; the migrate target is built and its contents checked instead.
    const url = await freshDatabase(t);
    const migrations = join(dir, 'prisma/migrations');
    for (const name of (await readdir(migrations)).filter((n) => !n.endsWith('.toml')).sort()) {
      await psql(url, await readFile(join(migrations, name, 'migration.sql'), 'utf8'));
    }
    const { id, port } = await start(t, tag, { DATABASE_URL: url.replace('localhost', '127.0.0.1') });

    // Readiness pings the database through the Prisma client the image carries (pruned to one
    // query compiler), and an account insert exercises argon2 and a generated model.
    // The first ping also opens the pool and compiles the wasm query compiler, which can outlast
    // terminus' 1 s ping timeout on a busy machine: a few bounded retries.
    let ready = await waitForHttp(`http://127.0.0.1:${port}/health/ready`);
    for (let attempt = 0; attempt < 20 && ready.status !== 200; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    }
    assert.equal(ready.status, 200, await ready.text());
    await assertRuntimeShape(docker, id, 'dist/main.js');
    const created = await fetch(`http://127.0.0.1:${port}/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', password: 'correct horse battery' }),
    });
    assert.equal(created.status, 201, await created.text());
    assert.equal(await psql(url, 'select count(*) from accounts'), '1');

    const modules = (await execIn(docker, id, ['ls', 'node_modules', 'node_modules/.bin'])).split('\n');
    assert.ok(!modules.includes('prisma'), 'the Prisma CLI is not in the runtime image');
    t.diagnostic(`docker stop took ${(await assertStopsOnSigterm(docker, id)).toFixed(2)} s`);
    await assertSourceChangeShipsOnlyDist(t, docker, dir, tag);
  });

  test('npm with Prisma 7: the migrate target carries the lockfile-pinned CLI and the migrations', async (t) => {
    const docker = await requireEngine(t);
    if (!docker) return;
    const dir = join(scratch, 'npm-prisma7');
    const tag = 'nestship-test-init-prisma7-migrate';
    await build(t, dir, tag, 'migrate');
    const lock = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8'));
    const pinned = lock.packages['node_modules/prisma'].version as string;
    const script =
      "const p = require('./node_modules/prisma/package.json'); const fs = require('fs');" +
      "console.log([p.version, fs.existsSync('prisma.config.ts'), fs.readdirSync('prisma/migrations').length, process.getuid()].join(' '))";
    const { stdout } = await exec(docker, ['run', '--rm', '--network', 'host', tag, 'node', '-e', script]);
    assert.equal(stdout.trim(), `${pinned} true 2 1000`);
    const { stdout: cmd } = await exec(docker, ['image', 'inspect', '--format', '{{json .Config.Cmd}}', tag]);
    assert.deepEqual(JSON.parse(cmd), ['node_modules/.bin/prisma', 'migrate', 'deploy']);
  });

  test('npm without Prisma (--base slim): builds, answers on its port, stops on SIGTERM', async (t) => {
    const docker = await requireEngine(t);
    if (!docker) return;
    client = docker;
    const dir = await initialised('npm-basic', { base: 'slim' });
    const tag = 'nestship-test-init-basic';
    await build(t, dir, tag);
    const { id, port } = await start(t, tag);
    const answer = await waitForHttp(`http://127.0.0.1:${port}/`);
    assert.ok(answer.status < 500, `HTTP ${answer.status}`);
    await assertRuntimeShape(docker, id, 'dist/main.js');
    t.diagnostic(`docker stop took ${(await assertStopsOnSigterm(docker, id)).toFixed(2)} s`);
    await assertSourceChangeShipsOnlyDist(t, docker, dir, tag);
  });
});
