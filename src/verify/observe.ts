/**
 * Runs the image the way an orchestrator would and writes down what happened: how long until the
 * service answered, what PID 1 is and which uid it runs as, the memory after start, and how long
 * `docker stop` took. A second run with a read-only root filesystem and a tmpfs /tmp shows whether
 * the service writes where it must not. The probes judge these facts; nothing here decides.
 */
import { createServer } from 'node:net';
import { request } from 'node:http';
import { runClient, firstLine, type Engine } from './engine.js';
import type { Resources } from './cleanup.js';

export interface RunSettings {
  engine: Engine;
  resources: Resources;
  image: string;
  /** `KEY=VALUE` pairs passed with --env, and files passed with --env-file. */
  env: string[];
  envFiles: string[];
  /** The route that proves the service is up (2xx); without one any HTTP answer on the port. */
  healthPath?: string;
  /** How long to wait for the first good answer. */
  startTimeoutMs: number;
}

export interface RunObservation {
  /** The loopback port the service was given as PORT. */
  port: number;
  path: string;
  /** Seconds from `docker run` to the first good answer; absent when it never answered. */
  firstResponseSeconds?: number;
  /** The last HTTP status seen, or the connection error. */
  lastAnswer: string;
  /** Set when the container exited before answering. */
  exitedEarly?: { exitCode: number };
  /** The tail of the container's log when it did not answer. */
  logTail?: string;
  /** PID 1's argv, read from /proc/1/cmdline inside the container. */
  pid1?: string[];
  /** PID 1's real uid, from /proc/1/status. */
  pid1Uid?: number;
  /** Memory use reported by `docker stats` right after the first good answer, in bytes. */
  memoryBytes?: number;
  /** Seconds `docker stop` took, and the exit code it left. */
  stopSeconds?: number;
  stopExitCode?: number;
  /** The grace period `docker stop` was given. */
  stopGraceSeconds: number;
}

export interface ReadOnlyObservation {
  answered: boolean;
  firstResponseSeconds?: number;
  lastAnswer: string;
  logTail?: string;
}

const STOP_GRACE_SECONDS = 10;

/** Starts the service, measures it, and stops it. */
export async function observeRun(settings: RunSettings): Promise<RunObservation> {
  const { engine, resources } = settings;
  const started = await startContainer(settings, []);
  const observation: RunObservation = {
    port: started.port,
    path: settings.healthPath ?? '/',
    lastAnswer: started.wait.lastAnswer,
    stopGraceSeconds: STOP_GRACE_SECONDS,
  };
  if (started.wait.seconds !== undefined) observation.firstResponseSeconds = started.wait.seconds;
  if (started.wait.exitCode !== undefined) observation.exitedEarly = { exitCode: started.wait.exitCode };

  if (started.wait.seconds === undefined) {
    observation.logTail = await logTail(engine, started.id);
  } else {
    // PID 1 and its uid, read inside the container so remote engines work too.
    Object.assign(observation, await readPid1(engine, started.id));
    const memory = await memoryOf(engine, started.id);
    if (memory !== undefined) observation.memoryBytes = memory;
  }

  // docker stop sends SIGTERM and, after the grace period, SIGKILL: the time it takes is the
  // time an orchestrator waits on every deploy.
  if (observation.exitedEarly === undefined) {
    const stopStart = Date.now();
    await runClient(engine.client, ['stop', '-t', String(STOP_GRACE_SECONDS), started.id]);
    observation.stopSeconds = (Date.now() - stopStart) / 1000;
    const code = await runClient(engine.client, ['inspect', '-f', '{{.State.ExitCode}}', started.id]);
    observation.stopExitCode = Number(code.stdout.trim());
  }
  await resources.dropContainer(started.id);
  return observation;
}

/** Starts the service with a read-only root filesystem and a tmpfs /tmp, and waits for it. */
export async function observeReadOnly(settings: RunSettings): Promise<ReadOnlyObservation> {
  const started = await startContainer(settings, ['--read-only', '--tmpfs', '/tmp']);
  const result: ReadOnlyObservation = {
    answered: started.wait.seconds !== undefined,
    lastAnswer: started.wait.lastAnswer,
  };
  if (started.wait.seconds !== undefined) result.firstResponseSeconds = started.wait.seconds;
  else result.logTail = await logTail(settings.engine, started.id);
  await settings.resources.dropContainer(started.id);
  return result;
}

interface Started {
  id: string;
  port: number;
  wait: WaitResult;
}

async function startContainer(settings: RunSettings, extra: string[]): Promise<Started> {
  const { engine, resources } = settings;
  const port = await freePort();
  const args = ['run', '-d', '--label', 'nestship.verify=1', ...extra, '--env', `PORT=${port}`];
  // With host networking the service listens on the machine's loopback directly; otherwise the
  // port is published on loopback only.
  if (engine.network === 'host') args.push('--network', 'host');
  else {
    if (engine.network !== 'default') args.push('--network', engine.network);
    args.push('--publish', `127.0.0.1:${port}:${port}`);
  }
  for (const pair of settings.env) args.push('--env', pair);
  for (const file of settings.envFiles) args.push('--env-file', file);
  args.push(settings.image);

  const began = Date.now();
  const run = await runClient(engine.client, args);
  if (run.code !== 0) {
    return {
      id: '',
      port,
      wait: { lastAnswer: `docker run failed: ${firstLine(run.stderr)}`, exitCode: run.code },
    };
  }
  const id = resources.container(run.stdout.trim());
  const wait = await waitForAnswer(engine, id, port, settings.healthPath, began, settings.startTimeoutMs);
  return { id, port, wait };
}

interface WaitResult {
  seconds?: number;
  lastAnswer: string;
  exitCode?: number;
}

/** Polls the health route until it answers 2xx (or, without a route, anything below 500). */
async function waitForAnswer(
  engine: Engine,
  id: string,
  port: number,
  healthPath: string | undefined,
  began: number,
  timeoutMs: number,
): Promise<WaitResult> {
  let lastAnswer = 'no answer';
  let polls = 0;
  while (Date.now() - began < timeoutMs) {
    const status = await httpStatus(port, healthPath ?? '/');
    if (typeof status === 'number') {
      lastAnswer = `HTTP ${status}`;
      const good = healthPath ? status >= 200 && status < 300 : status < 500;
      if (good) return { seconds: (Date.now() - began) / 1000, lastAnswer };
    } else {
      lastAnswer = status;
    }
    // Every few polls, check the container is still running: a crash should not wait out the bound.
    if (++polls % 5 === 0) {
      const state = await runClient(engine.client, ['inspect', '-f', '{{.State.Running}} {{.State.ExitCode}}', id]);
      const [running, code] = state.stdout.trim().split(' ');
      if (running === 'false') return { lastAnswer, exitCode: Number(code) };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { lastAnswer: `${lastAnswer} after ${(timeoutMs / 1000).toFixed(0)} s` };
}

function httpStatus(port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

/** A port that is free on the loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const READ_PID1 =
  "const fs=require('fs');process.stdout.write(JSON.stringify({" +
  "argv:fs.readFileSync('/proc/1/cmdline','utf8').split('\\0').filter(Boolean)," +
  "status:fs.readFileSync('/proc/1/status','utf8')}))";

async function readPid1(engine: Engine, id: string): Promise<{ pid1?: string[]; pid1Uid?: number }> {
  // node is in every image verify runs; `cat` is the fallback for images without it on PATH.
  const viaNode = await runClient(engine.client, ['exec', id, 'node', '-e', READ_PID1]);
  if (viaNode.code === 0) {
    try {
      const { argv, status } = JSON.parse(viaNode.stdout) as { argv: string[]; status: string };
      const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      return { pid1: argv, ...(uid === undefined ? {} : { pid1Uid: Number(uid) }) };
    } catch {
      // Fall through to cat.
    }
  }
  const viaCat = await runClient(engine.client, ['exec', id, 'cat', '/proc/1/cmdline']);
  if (viaCat.code !== 0) return {};
  return { pid1: viaCat.stdout.split('\0').filter(Boolean) };
}

/** `docker stats` memory use, in bytes (`52.3MiB / 23.4GiB` -> 54840934). */
async function memoryOf(engine: Engine, id: string): Promise<number | undefined> {
  const stats = await runClient(engine.client, ['stats', '--no-stream', '--format', '{{.MemUsage}}', id]);
  return parseMemory(stats.stdout.split('/')[0] ?? '');
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

export function parseMemory(text: string): number | undefined {
  const match = /([\d.]+)\s*([kmg]?i?b)/i.exec(text.trim());
  if (!match) return undefined;
  const unit = UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

async function logTail(engine: Engine, id: string): Promise<string> {
  if (!id) return '';
  const logs = await runClient(engine.client, ['logs', '--tail', '15', id]);
  return (logs.stdout + logs.stderr).trim().split('\n').slice(-15).join('\n');
}
