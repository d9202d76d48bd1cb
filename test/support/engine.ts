// Test helpers for the real Docker engine that `bash scripts/up.sh` brings up.
//
// Builds go through a BuildKit-capable client: one with the buildx plugin, or one older than
// 23 (Debian's /usr/bin/docker, 20.10), which builds with BuildKit under DOCKER_BUILDKIT=1.
// A newer client without buildx silently uses the legacy builder, which rejects
// `RUN --mount`, so it is never chosen. NESTSHIP_DOCKER names a client to try first.
// Everything a test makes is labelled `nestship.test=1` so `scripts/prune.sh` can sweep leaks.
// Builds and containers always use the host network: the engine has no bridge, and containers
// must never get an address in a private range.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import type { TestContext } from 'node:test';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const TEST_LABEL = 'nestship.test=1';
/** How many trailing lines of a failed build's log go into the thrown error. */
const LOG_TAIL_LINES = 60;

export type EngineStatus = { ok: true; docker: string } | { ok: false; reason: string };

/** The environment every docker call runs with: BuildKit on for clients that need asking. */
function dockerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_BUILDKIT: '1' };
}

/** Every docker client on this machine, NESTSHIP_DOCKER first, then PATH order, then Debian's. */
function clientCandidates(): string[] {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'docker'));
  const all = [process.env.NESTSHIP_DOCKER, ...onPath, '/usr/bin/docker'];
  return [...new Set(all.filter((c): c is string => Boolean(c) && existsSync(c as string)))];
}

async function canBuildKit(client: string): Promise<boolean> {
  try {
    await exec(client, ['buildx', 'version'], { env: dockerEnv() });
    return true;
  } catch {
    // No buildx: only a client older than 23 still drives BuildKit itself.
  }
  try {
    const { stdout } = await exec(client, ['--version']);
    const major = /Docker version (\d+)\./.exec(stdout)?.[1];
    return major !== undefined && Number(major) < 23;
  } catch {
    return false;
  }
}

async function probeEngine(): Promise<EngineStatus> {
  let client: string | undefined;
  for (const candidate of clientCandidates()) {
    if (await canBuildKit(candidate)) {
      client = candidate;
      break;
    }
  }
  if (client === undefined) {
    return { ok: false, reason: 'no BuildKit-capable docker client (run `bash scripts/up.sh`)' };
  }
  try {
    await exec(client, ['version', '--format', '{{.Server.Version}}'], { env: dockerEnv(), timeout: 20_000 });
    return { ok: true, docker: client };
  } catch (error) {
    // The client prints a template error before the line that says why: keep the last line.
    const detail = String((error as { stderr?: string }).stderr ?? error).trim().split('\n').pop();
    return { ok: false, reason: `no Docker engine answers ${client} (${detail}); run \`bash scripts/up.sh\`` };
  }
}

let status: Promise<EngineStatus> | undefined;

/** Whether a Docker engine answers through a BuildKit-capable client (probed once per process). */
export function engineStatus(): Promise<EngineStatus> {
  status ??= probeEngine();
  return status;
}

/**
 * The docker client path, or undefined after `t.skip()` when no engine answers.
 * Under CI a missing engine is a failure, never a skip.
 */
export async function requireEngine(t: TestContext): Promise<string | undefined> {
  const s = await engineStatus();
  if (s.ok) return s.docker;
  if (process.env.CI) throw new Error(`CI needs a Docker engine: ${s.reason}`);
  t.skip(s.reason);
  return undefined;
}

async function dockerClient(): Promise<string> {
  const s = await engineStatus();
  if (!s.ok) throw new Error(s.reason);
  return s.docker;
}

/** Runs docker and resolves with its combined output; rejects with the exit code and output. */
function runDocker(args: string[]): Promise<{ code: number; output: string }> {
  return dockerClient().then(
    (docker) =>
      new Promise((resolve, reject) => {
        const child = spawn(docker, args, { env: dockerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
        const chunks: Buffer[] = [];
        child.stdout.on('data', (c: Buffer) => chunks.push(c));
        child.stderr.on('data', (c: Buffer) => chunks.push(c));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
      }),
  );
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface BuildOptions {
  context: string;
  dockerfile?: string;
  target?: string;
  tag: string;
  buildArgs?: Record<string, string>;
}

/**
 * Builds an image with BuildKit on the host network, labelled for cleanup.
 * Resolves with the plain-progress log; on failure throws with the log's tail in the message.
 */
export async function buildImage(opts: BuildOptions): Promise<{ log: string }> {
  const args = ['build', '--network', 'host', '--progress', 'plain', '--label', TEST_LABEL, '--tag', opts.tag];
  if (opts.dockerfile !== undefined) args.push('--file', opts.dockerfile);
  if (opts.target !== undefined) args.push('--target', opts.target);
  for (const [name, value] of Object.entries(opts.buildArgs ?? {})) args.push('--build-arg', `${name}=${value}`);
  args.push(opts.context);
  const { code, output } = await runDocker(args);
  if (code !== 0) {
    throw new Error(`docker build of ${opts.tag} failed (exit ${code}); last lines:\n${tail(output, LOG_TAIL_LINES)}`);
  }
  return { log: output };
}

/** Removes images by tag or id; one that does not exist is not an error. */
export async function removeImages(...tags: string[]): Promise<void> {
  for (const tag of tags) {
    const { code, output } = await runDocker(['rmi', '--force', tag]);
    if (code !== 0 && !/no such image/i.test(output)) {
      throw new Error(`docker rmi ${tag} failed: ${output.trim()}`);
    }
  }
}

/** True when the `docker run` arguments already choose a network. */
function choosesNetwork(args: string[]): boolean {
  return args.some((a) => a === '--network' || a === '--net' || a.startsWith('--network=') || a.startsWith('--net='));
}

/**
 * `docker run -d` with the given arguments (options, image, command); resolves with the
 * container id. Adds the test label, and `--network host` unless the arguments pick a network.
 */
export async function runDetached(args: string[]): Promise<string> {
  const network = choosesNetwork(args) ? [] : ['--network', 'host'];
  const { code, output } = await runDocker(['run', '--detach', '--label', TEST_LABEL, ...network, ...args]);
  if (code !== 0) throw new Error(`docker run ${args.join(' ')} failed (exit ${code}): ${output.trim()}`);
  const id = output.trim().split('\n').pop() ?? '';
  if (!/^[0-9a-f]{12,64}$/.test(id)) throw new Error(`docker run printed no container id: ${output.trim()}`);
  return id;
}

/** Removes a container, running or not, with its anonymous volumes; a missing one is fine. */
export async function removeContainer(id: string): Promise<void> {
  const { code, output } = await runDocker(['rm', '--force', '--volumes', id]);
  if (code !== 0 && !/no such container/i.test(output)) {
    throw new Error(`docker rm ${id} failed: ${output.trim()}`);
  }
}

/** A loopback TCP port that was free a moment ago (pass it to the container as PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a loopback listener'));
      });
    });
  });
}
