/**
 * What the image test and the image benchmark measure on a built image: the bytes of each layer,
 * the layers a rebuild added, which build steps BuildKit took from its cache, and sizes inside the
 * image. Everything goes through the docker client that test/support/engine.ts chose.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const ENV = { ...process.env, DOCKER_BUILDKIT: '1' };

export interface Layer {
  diffId: string;
  bytes: number;
}

/** The image's layers, bottom first, with the size of each layer's tar. */
export async function imageLayers(docker: string, tag: string): Promise<Layer[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nestship-layers-'));
  try {
    const archive = join(dir, 'image.tar');
    await exec(docker, ['save', '--output', archive, tag], { env: ENV, maxBuffer: 1 << 26 });
    const { stdout: listing } = await exec('tar', ['-tvf', archive], { maxBuffer: 1 << 26 });
    const sizes = new Map<string, number>();
    for (const line of listing.split('\n')) {
      const match = /^\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.+\/layer\.tar)$/.exec(line.trim());
      if (match) sizes.set(match[2]!, Number(match[1]));
    }
    await exec('tar', ['-xf', archive, '-C', dir, 'manifest.json']);
    const [manifest] = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { Layers: string[] }[];
    const { stdout } = await exec(docker, ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', tag], { env: ENV });
    const diffIds = JSON.parse(stdout) as string[];
    return manifest!.Layers.map((path, index) => ({ diffId: diffIds[index]!, bytes: sizes.get(path) ?? 0 }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Bytes of the layers in `after` that `before` does not have: what a pull of the new image ships. */
export async function newLayerBytes(docker: string, before: string, after: string): Promise<number> {
  const old = new Set((await imageLayers(docker, before)).map((layer) => layer.diffId));
  return (await imageLayers(docker, after)).filter((layer) => !old.has(layer.diffId)).reduce((sum, l) => sum + l.bytes, 0);
}

export interface BuildStep {
  /** For example `[deps 2/2] RUN npm ci`. */
  name: string;
  cached: boolean;
}

/** The steps of a plain-progress BuildKit log, each with whether it came from the cache. */
export function buildSteps(log: string): BuildStep[] {
  const steps = new Map<string, BuildStep>();
  for (const line of log.split('\n')) {
    const named = /^#(\d+) (\[[^\]]+\] .*)$/.exec(line);
    if (named && !named[2]!.startsWith('[internal]') && !steps.has(named[1]!)) {
      steps.set(named[1]!, { name: named[2]!, cached: false });
    }
    const cached = /^#(\d+) CACHED$/.exec(line);
    if (cached && steps.has(cached[1]!)) steps.get(cached[1]!)!.cached = true;
  }
  return [...steps.values()];
}

/** Kilobytes under a path inside the image, measured by du in a throwaway container. */
export async function sizeInImage(docker: string, tag: string, path: string): Promise<number> {
  const { stdout } = await exec(docker, ['run', '--rm', '--network', 'host', '--entrypoint', 'du', tag, '-sk', path], {
    env: ENV,
  });
  return Number(stdout.trim().split(/\s+/)[0]) * 1024;
}

/** Total image size in bytes as the engine reports it. */
export async function imageSize(docker: string, tag: string): Promise<number> {
  const { stdout } = await exec(docker, ['image', 'inspect', '--format', '{{.Size}}', tag], { env: ENV });
  return Number(stdout.trim());
}

/** Seconds `docker stop` takes (SIGTERM, then SIGKILL after the engine's 10 s grace). */
export async function stopSeconds(docker: string, id: string): Promise<number> {
  const started = process.hrtime.bigint();
  await exec(docker, ['stop', id], { env: ENV });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The first HTTP answer from a loopback port within `attempts` tries 250 ms apart. */
export async function waitForHttp(url: string, attempts = 120): Promise<Response> {
  let last: unknown;
  for (let i = 0; i < attempts; i += 1) {
    try {
      return await fetch(url);
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`no answer from ${url}: ${String(last)}`);
}

/** Runs a command in the container and returns its stdout. */
export async function execIn(docker: string, id: string, command: string[]): Promise<string> {
  const { stdout } = await exec(docker, ['exec', id, ...command], { env: ENV });
  return stdout;
}

/** A build with timing, for the benchmark: resolves with the log and the seconds it took. */
export function timedBuild(docker: string, args: string[]): Promise<{ log: string; seconds: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(docker, ['build', '--network', 'host', '--progress', 'plain', ...args], { env: ENV });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const log = Buffer.concat(chunks).toString('utf8');
      if (code !== 0) reject(new Error(`docker build failed (exit ${code}):\n${log.split('\n').slice(-40).join('\n')}`));
      else resolve({ log, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    });
  });
}
