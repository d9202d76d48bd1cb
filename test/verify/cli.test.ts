// `nestship verify` as a process: one line and exit 2 without an engine, a JSON report and exit 1
// on a broken image, and nothing left behind when the user presses Ctrl-C in the middle of a run.
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requireEngine } from '../support/engine.js';
import { fixtureProject } from './fixtures.js';

const exec = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/nestship.js', import.meta.url));

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function nestship(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<Finished>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

test('without a reachable engine verify says so in one line and exits 2', async (t) => {
  const dir = await fixtureProject(t, 'good');
  const env = { ...process.env, DOCKER_HOST: 'unix:///nonexistent/nestship-test.sock' };
  delete env.NESTSHIP_DOCKER;
  const { code, stderr, stdout } = await nestship(['verify', dir], env).done;
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^nestship: no Docker engine is reachable/);
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
});

test('verify prints a JSON report on stdout and exits 1 when the image runs as root', async (t) => {
  if (!(await requireEngine(t))) return;
  const dir = await fixtureProject(t, 'broken/root-user');
  const { code, stdout, stderr } = await nestship(['verify', dir, '--no-cache-experiment', '--format', 'json']).done;
  assert.equal(code, 1, stderr);
  const report = JSON.parse(stdout) as { findings: Array<{ id: string }> };
  assert.ok(report.findings.some((f) => f.id === 'NS304'), stdout);
  // Progress went to stderr, so stdout stayed parseable.
  assert.match(stderr, /building Dockerfile/);
});

test('Ctrl-C in the middle of verify removes its container, image and scratch copy', async (t) => {
  const docker = await requireEngine(t);
  if (!docker) return;
  const dir = await fixtureProject(t, 'good');
  const scratchBefore = await scratchDirs();
  const { child, done } = nestship(['verify', dir, '--format', 'json']);

  // Wait until verify has its container running, then interrupt it as a terminal would.
  let container: { id: string; image: string } | undefined;
  while (!container && child.exitCode === null) {
    const { stdout } = await exec(docker, ['ps', '--filter', 'label=nestship.verify=1', '--format', '{{.ID}} {{.Image}}']);
    const line = stdout.split('\n').find((l) => / nestship-verify-verify-fixture-app:/.test(l));
    if (line) container = { id: line.split(' ')[0] ?? '', image: line.split(' ')[1] ?? '' };
    else await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(container, 'verify started a container');
  child.kill('SIGINT');
  const finished = await done;
  assert.equal(finished.signal, 'SIGINT', `exit ${finished.code}: ${finished.stderr}`);

  const { stdout: left } = await exec(docker, ['ps', '-a', '--filter', `id=${container.id}`, '--format', '{{.ID}}']);
  assert.equal(left.trim(), '', 'the container is gone');
  const image = await exec(docker, ['image', 'inspect', container.image]).then(() => 'present', () => 'gone');
  assert.equal(image, 'gone', 'the built image is gone');
  const scratchAfter = await scratchDirs();
  assert.deepEqual([...scratchAfter].filter((d) => !scratchBefore.has(d)), [], 'no scratch dir is left');
});

async function scratchDirs(): Promise<Set<string>> {
  const names = await readdir(tmpdir());
  return new Set(names.filter((n) => /^nestship-(verify|context|save)-/.test(n)));
}
