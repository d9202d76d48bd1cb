/**
 * Fuzzing: 10,000 Dockerfiles, mutated from real ones or generated, go through the parser and every
 * rule. None may throw (a rule that throws would surface as NS099) and every case must finish.
 *
 * The cases run in a worker thread (this same file) that reports each case before running it. The
 * main thread only watches for a case that never finishes: the watchdog bound is an idle limit far
 * above any real case, a hang detector rather than a speed assertion. The PRNG is seeded, so a
 * failure names a case that reproduces.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const CASES = 10_000;
const SEED = 0x5eed2026;
/** No progress for this long means a case is stuck in a loop. */
const IDLE_LIMIT_MS = 120_000;

interface Crash {
  index: number;
  error: string;
  sample: string;
}

if (isMainThread) {
  const { test } = await import('node:test');
  const assert = (await import('node:assert/strict')).default;

  test('10,000 mutated and generated Dockerfiles parse and lint without a crash or a hang', async () => {
    const result = await runWorker();
    assert.equal(result.hung, undefined, `case ${result.hung} did not finish`);
    assert.deepEqual(result.crashes.slice(0, 5), []);
    assert.equal(result.completed, CASES);
  });
} else {
  runCases(workerData as { cases: number; seed: number });
}

function runWorker(): Promise<{ completed: number; crashes: Crash[]; hung?: number }> {
  return new Promise((resolve, reject) => {
    // The worker runs this TypeScript file too: register tsx's loader in it before importing it.
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
      .then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const worker = new Worker(boot, { eval: true, workerData: { cases: CASES, seed: SEED } });
    let current = -1;
    let lastProgress = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastProgress < IDLE_LIMIT_MS) return;
      clearInterval(watchdog);
      void worker.terminate();
      resolve({ completed: current, crashes: [], hung: current });
    }, 1_000);
    worker.on('message', (message: { type: 'start'; index: number } | { type: 'end'; completed: number; crashes: Crash[] }) => {
      lastProgress = Date.now();
      if (message.type === 'start') current = message.index;
      else {
        clearInterval(watchdog);
        resolve({ completed: message.completed, crashes: message.crashes });
      }
    });
    worker.on('error', (error) => {
      clearInterval(watchdog);
      reject(error);
    });
  });
}

/** The worker side: build each case, lint it, and report crashes. */
async function runCases({ cases, seed }: { cases: number; seed: number }): Promise<void> {
  const { buildRuleContext, lintProject } = await import('../../src/rules/index.js');
  const { nestProfile, prisma7 } = await import('../init/profiles.js');
  const random = mulberry32(seed);
  const seeds = seedDockerfiles();
  const profiles = [undefined, nestProfile(), nestProfile({ prisma: prisma7({ major: { value: 6, source: 'x' }, generator: { value: 'prisma-client-js', source: 'x' }, output: undefined }) })];
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ scripts: { build: 'prisma generate && nest build', postinstall: 'prisma generate', start: 'npm run build' }, dependencies: { '@prisma/client': '6' } }),
    'entrypoint.sh': 'npx prisma migrate deploy\nexec "$@"\n',
    'tsconfig.build.json': '{ "extends": "./tsconfig.json" }',
    'tsconfig.json': '{ "extends": "./tsconfig.build.json" }',
  };
  const crashes: Crash[] = [];
  for (let index = 0; index < cases; index++) {
    parentPort!.postMessage({ type: 'start', index });
    const text = index % 5 === 4 ? generate(random) : mutate(pick(random, seeds), random);
    try {
      const ctx = buildRuleContext({
        root: '/fuzz',
        text,
        dockerignoreText: random() < 0.5 ? mutate('node_modules\n.env*\n!.env.example\n**/*.pem\n[a-\n', random) : undefined,
        profile: pick(random, profiles),
        readFile: (rel) => files[rel],
      });
      const failed = lintProject(ctx).filter((f) => f.id === 'NS099');
      if (failed.length > 0) crashes.push({ index, error: failed[0]!.message.slice(0, 300), sample: text.slice(0, 300) });
    } catch (error) {
      crashes.push({ index, error: String(error).slice(0, 300), sample: text.slice(0, 300) });
    }
  }
  parentPort!.postMessage({ type: 'end', completed: cases, crashes });
}

/** Real Dockerfiles to mutate: the guide, the bad corpus, the goldens, and some odd syntax. */
function seedDockerfiles(): string[] {
  const here = new URL('.', import.meta.url).pathname;
  const found: string[] = [];
  const collect = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) collect(path);
      else if (/^Dockerfile/.test(entry.name)) found.push(readFileSync(path, 'utf8'));
    }
  };
  collect(join(here, 'fixtures'));
  collect(join(here, '../init/goldens'));
  return [...found, ...ODD_SEEDS];
}

const ODD_SEEDS = [
  '# escape=`\nFROM node:22 AS a\nRUN npm ci `\n  && npm run build\nCOPY --from=a ["a b", "c"]\n',
  'FROM node:22\nRUN <<EOF\nnpm ci\nEOF\nCOPY <<EOT /x\nhello\nEOT\n',
  'ARG A=${B:-${C:-${D}}}\nFROM ${A}\nONBUILD RUN npm install\nSHELL ["/bin/bash", "-c"]\nHEALTHCHECK NONE\n',
  'FROM node:22-alpine\r\nENV A="x y" B=\'$z\' C=a\\ b\r\nUSER ${UID:-0}:${GID}\r\nCMD ["sh", "-c", "exec npm start"]\r\n',
  'FROM scratch\nEXPOSE ${PORT:-3000}/tcp 9229/udp\nSTOPSIGNAL SIGTERM\nVOLUME ["/data"]\nLABEL a=b\n',
];

const FRAGMENTS = [
  '--from=builder', '--from=0', '--from=9', '--chown=node:node', '--mount=type=cache,target=/root/.npm',
  '--mount=type=secret,id=npmrc', '--platform=$BUILDPLATFORM', '${X:-${Y}}', '$(', '`', '"', "'", '\\',
  '&&', '||', ';', '|', '>', '2>&1', '#', '[', ']', '{', '}', 'npm ci', 'npm install', 'yarn', 'pnpm i',
  'prisma generate', 'sh -c', 'node dist/main.js', '\u0000', '\u200f', '\ud83d\ude80', '\ud800', '\r', '\t',
  'AS', 'FROM', 'COPY . .', 'node_modules', '.env', '${', '}}}', '@sha256:', ':latest',
];

const KEYWORDS = ['FROM', 'RUN', 'CMD', 'COPY', 'ADD', 'ENV', 'ARG', 'USER', 'WORKDIR', 'EXPOSE', 'ENTRYPOINT', 'HEALTHCHECK', 'ONBUILD', 'SHELL', 'LABEL', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER', 'BOGUS'];

/** One to four random edits to a real Dockerfile. */
function mutate(text: string, random: () => number): string {
  let lines = text.split('\n');
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * Math.max(1, lines.length));
    const line = lines[at] ?? '';
    switch (Math.floor(random() * 10)) {
      case 0: lines.splice(at, 1); break;
      case 1: lines.splice(at, 0, line); break;
      case 2: lines[at] = line.slice(0, Math.floor(random() * (line.length + 1))); break;
      case 3: lines[at] = insert(line, pick(random, FRAGMENTS), random); break;
      case 4: lines[at] = line + ' \\'; break;
      case 5: lines[at] = insert(line, randomUnicode(random), random); break;
      case 6: lines[at] = line + ' ' + pick(random, FRAGMENTS).repeat(hugeRepeat(random)); break;
      case 7: lines = lines.slice(0, Math.floor(random() * lines.length)); break;
      case 8: lines[at] = line.toLowerCase(); break;
      default: lines.splice(at, 0, `${pick(random, KEYWORDS)} ${pick(random, FRAGMENTS)} ${pick(random, FRAGMENTS)}`);
    }
  }
  return lines.join(random() < 0.1 ? '\r\n' : '\n');
}

/** A Dockerfile of random instructions with random arguments. */
function generate(random: () => number): string {
  const count = Math.floor(random() * 40);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: Math.floor(random() * 6) }, () => pick(random, FRAGMENTS));
    out.push(`${pick(random, KEYWORDS)} ${words.join(random() < 0.5 ? ' ' : '')}`);
  }
  return out.join('\n');
}

/** Mostly long lines, sometimes huge ones (tens of kilobytes): parsing those is what costs time. */
function hugeRepeat(random: () => number): number {
  return random() < 0.05 ? 2_000 + Math.floor(random() * 4_000) : 1 + Math.floor(random() * 60);
}

function insert(line: string, fragment: string, random: () => number): string {
  const at = Math.floor(random() * (line.length + 1));
  return line.slice(0, at) + fragment + line.slice(at);
}

function randomUnicode(random: () => number): string {
  return Array.from({ length: 1 + Math.floor(random() * 8) }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A small seeded PRNG, so every run sees the same cases. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
