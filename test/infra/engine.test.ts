// Smoke tests of the engine the image tests stand on: a real BuildKit build from the local
// node:22-slim base image, a real container, and the helpers' error and cleanup paths.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { buildImage, freePort, removeContainer, removeImages, requireEngine, runDetached } from '../support/engine.js';

const exec = promisify(execFile);

/** A build context holding only the given Dockerfile, removed when the test ends. */
async function contextWith(t: TestContext, dockerfile: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nestship-infra-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

function uniqueTag(what: string): string {
  return `nestship-test/${what}:${randomBytes(4).toString('hex')}`;
}

test('a BuildKit build from node:22-slim runs node and npm on the host network', async (t) => {
  if (!(await requireEngine(t))) return;
  // RUN --mount is BuildKit-only: the legacy builder would reject this Dockerfile.
  const context = await contextWith(
    t,
    [
      'FROM node:22-slim',
      'ARG NONCE',
      'RUN --mount=type=cache,target=/root/.npm node -e "console.log(\'node says \' + process.version)" && echo "npm says $(npm --version)"',
      '',
    ].join('\n'),
  );
  const tag = uniqueTag('infra-build');
  t.after(() => removeImages(tag));
  // A fresh NONCE keeps the RUN step out of the cache, so its output is in the log.
  const { log } = await buildImage({ context, tag, buildArgs: { NONCE: randomBytes(8).toString('hex') } });
  assert.match(log, /node says v22\.\d+\.\d+/);
  assert.match(log, /npm says 10\.\d+\.\d+/);
});

test('a container from the base image runs as the node user and prints its uid', async (t) => {
  const docker = await requireEngine(t);
  if (!docker) return;
  const id = await runDetached(['--user', 'node', 'node:22-slim', 'sh', '-c', 'id -u']);
  t.after(() => removeContainer(id));
  const { stdout: exitCode } = await exec(docker, ['wait', id]);
  const { stdout: output } = await exec(docker, ['logs', id]);
  assert.equal(exitCode.trim(), '0');
  assert.equal(output.trim(), '1000');
});

test('a failed build throws an error that carries the tail of the build log', async (t) => {
  if (!(await requireEngine(t))) return;
  const marker = `marker-${randomBytes(4).toString('hex')}`;
  const context = await contextWith(t, `FROM node:22-slim\nRUN echo ${marker} && exit 3\n`);
  const tag = uniqueTag('infra-broken');
  t.after(() => removeImages(tag));
  await assert.rejects(buildImage({ context, tag }), (error: Error) => {
    assert.match(error.message, new RegExp(`docker build of ${tag} failed`));
    assert.match(error.message, new RegExp(marker));
    return true;
  });
});

test('removing an image or container that does not exist is not an error', async (t) => {
  if (!(await requireEngine(t))) return;
  await removeImages(uniqueTag('never-built'));
  await removeContainer(`nestship-never-ran-${randomBytes(4).toString('hex')}`);
});

test('freePort returns a loopback port that can be listened on', async () => {
  const port = await freePort();
  assert.ok(port > 0 && port < 65536);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  await new Promise((resolve) => server.close(resolve));
});
