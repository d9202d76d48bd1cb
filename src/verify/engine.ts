/**
 * The engine client: everything verify asks of Docker goes through the `docker` CLI, so it works
 * wherever the user's own CLI works (contexts, DOCKER_HOST, Docker Desktop).
 *
 * Builds need BuildKit (`RUN --mount` is rejected by the legacy builder). A client drives BuildKit
 * either through the buildx plugin or, when it is older than 23, by itself under DOCKER_BUILDKIT=1.
 * A newer client without buildx silently falls back to the legacy builder, so it is never used
 * for builds; verify probes the clients on the machine and picks one that can.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { NestshipError } from '../errors.js';
import { ProgressParser, type BuildStep, type ProgressDisplay } from './progress.js';

export type BuilderKind = 'buildx' | 'buildkit' | 'none';

export interface Engine {
  /** Path of the docker client used for everything. */
  client: string;
  /** How builds reach BuildKit with this client; `none` when only `--image` can be verified. */
  builder: BuilderKind;
  /** The network mode for builds and containers (`host` when the engine has no bridge). */
  network: string;
  serverVersion: string;
}

export interface ConnectOptions {
  /** A client to use instead of probing (also `NESTSHIP_DOCKER`). */
  docker?: string;
  /** `--network MODE`; by default `host` when the engine has no bridge network, else the default. */
  network?: string;
  /** Whether a build will be needed; without one any client that reaches the engine will do. */
  needBuild: boolean;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Text for the child's stdin. */
  input?: string;
  /** Extra environment on top of ours. */
  env?: Record<string, string>;
  /** Called with each line of stdout and stderr as it arrives. */
  onLine?: (line: string) => void;
  /** Kill the client after this many milliseconds (the result then has code 124). */
  timeoutMs?: number;
}

/** Runs one docker client command and collects its output; never throws on a non-zero exit. */
export function runClient(client: string, args: string[], options: RunOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(client, args, {
      env: { ...process.env, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let timedOut = false;
    const feed = (chunk: string): void => {
      if (!options.onLine) return;
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    };
    child.stdout!.setEncoding('utf8').on('data', (c: string) => ((stdout += c), feed(c)));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => ((stderr += c), feed(c)));
    const timer = options.timeoutMs
      ? setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), options.timeoutMs)
      : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (pending && options.onLine) options.onLine(pending);
      resolve({ code: timedOut ? 124 : (code ?? 1), stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Every docker client worth probing: the override, each `docker` on PATH, Debian's. */
function clientCandidates(override: string | undefined): string[] {
  const found: string[] = [];
  if (override) found.push(override);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir) found.push(join(dir, 'docker'));
  }
  found.push('/usr/bin/docker', '/usr/local/bin/docker');
  return [...new Set(found)].filter((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** How this client would build: buildx, BuildKit by itself (older than 23), or not at all. */
async function builderOf(client: string): Promise<BuilderKind> {
  if ((await runClient(client, ['buildx', 'version'])).code === 0) return 'buildx';
  const version = await runClient(client, ['version', '--format', '{{.Client.Version}}']);
  const major = Number(/^(\d+)\./.exec(version.stdout.trim())?.[1]);
  return Number.isFinite(major) && major < 23 ? 'buildkit' : 'none';
}

/**
 * Finds a client that reaches an engine (and can build with BuildKit when a build is needed),
 * and the network mode to use. No engine -> one-line NestshipError.
 */
export async function connectEngine(options: ConnectOptions): Promise<Engine> {
  const override = options.docker ?? process.env.NESTSHIP_DOCKER;
  const candidates = clientCandidates(override);
  if (candidates.length === 0) {
    throw new NestshipError('no docker client found', {
      hint: 'install Docker, or point NESTSHIP_DOCKER at a docker client',
    });
  }

  // Step 1: the first client that reaches a running engine, preferring one that can build.
  let reachable: { client: string; serverVersion: string; builder: BuilderKind } | undefined;
  let lastError = '';
  for (const client of candidates) {
    const server = await runClient(client, ['version', '--format', '{{.Server.Version}}'], {
      timeoutMs: 20_000,
    });
    if (server.code !== 0 || !server.stdout.trim()) {
      lastError = firstLine(server.stderr) || lastError;
      continue;
    }
    const builder = options.needBuild ? await builderOf(client) : 'none';
    const candidate = { client, serverVersion: server.stdout.trim(), builder };
    if (!options.needBuild || builder !== 'none') {
      reachable = candidate;
      break;
    }
    reachable ??= candidate;
  }
  if (!reachable) {
    throw new NestshipError(`no Docker engine is reachable${lastError ? ` (${lastError})` : ''}`, {
      hint: 'start the engine (for example scripts/engine-up.sh) or set DOCKER_HOST',
    });
  }
  if (options.needBuild && reachable.builder === 'none') {
    throw new NestshipError(`the docker client ${reachable.client} cannot build with BuildKit`, {
      hint: 'install the buildx plugin, or set NESTSHIP_DOCKER to a client that has it',
    });
  }

  // Step 2: the network mode. An engine started without a bridge can only give containers the
  // host's network, and a build or run without --network would fail to reach anything.
  const network = options.network ?? (await defaultNetwork(reachable.client));
  return { ...reachable, network };
}

async function defaultNetwork(client: string): Promise<string> {
  const networks = await runClient(client, ['network', 'ls', '--format', '{{.Name}}']);
  const names = networks.stdout.split('\n').map((n) => n.trim());
  return names.includes('bridge') ? 'default' : 'host';
}

export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}

export interface BuildRequest {
  /** The build context directory. */
  context: string;
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  target?: string;
  tag: string;
  buildArgs?: Record<string, string>;
  labels?: Record<string, string>;
  progress?: ProgressDisplay;
}

export interface BuildResult {
  ok: boolean;
  steps: BuildStep[];
  /** Wall-clock seconds of the whole build. */
  seconds: number;
  /** The full plain-progress log. */
  log: string;
  /** The failing step's error, or the client's last words, when the build failed. */
  error?: string;
}

/** Builds with BuildKit and plain progress, parsing the step records as they stream. */
export async function build(engine: Engine, request: BuildRequest): Promise<BuildResult> {
  // Known gap: a buildx builder on the docker-container driver also needs `--allow network.host`
  // (and a buildkitd that grants it) for `--network host`; only the default docker driver and
  // the built-in BuildKit of older clients were tried.
  const args = engine.builder === 'buildx' ? ['buildx', 'build', '--load'] : ['build'];
  args.push('--progress', 'plain', '--file', request.dockerfile, '--tag', request.tag);
  if (engine.network !== 'default') args.push('--network', engine.network);
  if (request.target) args.push('--target', request.target);
  for (const [key, value] of Object.entries(request.buildArgs ?? {})) {
    args.push('--build-arg', `${key}=${value}`);
  }
  for (const [key, value] of Object.entries(request.labels ?? {})) args.push('--label', `${key}=${value}`);
  args.push(request.context);

  const parser = new ProgressParser();
  const started = Date.now();
  const result = await runClient(engine.client, args, {
    env: engine.builder === 'buildkit' ? { DOCKER_BUILDKIT: '1' } : {},
    onLine: (line) => {
      parser.push(line);
      request.progress?.line(line);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const log = result.stdout + result.stderr;

  // A client that fell back to the legacy builder prints `Step 1/9 :` lines instead of vertices.
  if (/^Step \d+\/\d+ :/m.test(log) && parser.steps.length === 0) {
    throw new NestshipError(`${engine.client} built with the legacy builder instead of BuildKit`, {
      hint: 'install the buildx plugin, or set NESTSHIP_DOCKER to a client that has it',
    });
  }
  if (result.code === 0) return { ok: true, steps: parser.steps, seconds, log };
  const failed = parser.steps.find((s) => s.status === 'error');
  // The command's own last words say why; BuildKit's error line only says that it failed.
  const said = failed?.output.filter((l) => l.trim()).slice(-3).join(' | ');
  const error = failed
    ? `${failed.instruction}: ${said || failed.error || 'failed'}`
    : lastErrorLine(log) || `exit ${result.code}`;
  return { ok: false, steps: parser.steps, seconds, log, error };
}

function lastErrorLine(log: string): string {
  const lines = log.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.reverse().find((l) => /error/i.test(l)) ?? lines[0] ?? '';
}

/** The parts of `docker image inspect` that verify reads. */
export interface ImageInfo {
  id: string;
  size: number;
  user: string;
  env: Record<string, string>;
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir: string;
  exposedPorts: string[];
  labels: Record<string, string>;
  diffIds: string[];
}

export async function inspectImage(engine: Engine, ref: string): Promise<ImageInfo> {
  const raw = await runClient(engine.client, ['image', 'inspect', ref]);
  if (raw.code !== 0) {
    throw new NestshipError(`image ${ref} is not on the engine`, {
      hint: 'build it first or pass a tag that `docker images` lists',
    });
  }
  const [info] = JSON.parse(raw.stdout) as Array<{
    Id: string;
    Size: number;
    Config?: {
      User?: string;
      Env?: string[] | null;
      Entrypoint?: string[] | null;
      Cmd?: string[] | null;
      WorkingDir?: string;
      ExposedPorts?: Record<string, unknown> | null;
      Labels?: Record<string, string> | null;
    };
    RootFS?: { Layers?: string[] };
  }>;
  if (!info) throw new NestshipError(`image ${ref} is not on the engine`);
  const config = info.Config ?? {};
  const env: Record<string, string> = {};
  for (const pair of config.Env ?? []) {
    const at = pair.indexOf('=');
    if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return {
    id: info.Id,
    size: info.Size,
    user: config.User ?? '',
    env,
    entrypoint: config.Entrypoint ?? null,
    cmd: config.Cmd ?? null,
    workingDir: config.WorkingDir || '/',
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    labels: config.Labels ?? {},
    diffIds: info.RootFS?.Layers ?? [],
  };
}
