/**
 * Side by side on one project: the guide's Dockerfile and the one `nestship init` writes. Prints a
 * table of figures and ratios (nestship / guide): image size, runtime node_modules, bytes a one-line
 * source change ships, build with the layer cache off, rebuild after that change, and docker stop.
 *
 *   node --import tsx bench/image.ts [project]   (default: test/fixtures/projects/npm-prisma7)
 *
 * Needs the engine from `bash scripts/up.sh`. The layer cache is off for the first build
 * (`--no-cache`), but BuildKit cache mounts survive it, so nestship's npm cache may be warm there:
 * the guide has no cache mount to be warm. Images are labelled and removed at the end.
 */
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { engineStatus, freePort, removeContainer, removeImages, runDetached } from '../test/support/engine.js';
import {
  imageSize,
  newLayerBytes,
  sizeInImage,
  stopSeconds,
  timedBuild,
  waitForHttp,
} from '../test/init/image-support.js';
import { GUIDE_DOCKERIGNORE, guideDockerfile } from './guide-dockerfile.js';

const exec = promisify(execFile);
const repo = resolve(import.meta.dirname, '..');
const PRISMA_ARGS = [
  '--build-arg', 'DATABASE_URL=postgresql://placeholder:placeholder@localhost:5432/placeholder',
  '--build-arg', 'PRISMA_SCHEMA_ENGINE_BINARY=/bin/false',
];

interface Figures {
  imageBytes: number;
  nodeModulesBytes: number;
  sourceChangeBytes: number;
  coldSeconds: number;
  rebuildSeconds: number;
  stopSeconds: number;
}

async function measure(docker: string, dir: string, tag: string, target: string | undefined): Promise<Figures> {
  const args = [...PRISMA_ARGS, '--label', 'nestship.test=1', ...(target ? ['--target', target] : [])];
  const cold = await timedBuild(docker, ['--no-cache', ...args, '--tag', `${tag}:a`, dir]);
  const port = await freePort();
  const id = await runDetached(['--env', `PORT=${port}`, '--env', 'DATABASE_URL=postgresql://x:x@127.0.0.1:1/x', `${tag}:a`]);
  let stop = Number.NaN;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`);
    stop = await stopSeconds(docker, id);
  } finally {
    await removeContainer(id);
  }
  // One line of real code, so the compiled output changes too (a comment would be stripped).
  const main = existsSync(join(dir, 'src/main.ts')) ? 'src/main.ts' : 'src/main.js';
  await appendFile(join(dir, main), `\nexport const benchMark = ${Date.now()};\n`);
  const rebuild = await timedBuild(docker, [...args, '--tag', `${tag}:b`, dir]);
  return {
    imageBytes: await imageSize(docker, `${tag}:a`),
    nodeModulesBytes: await sizeInImage(docker, `${tag}:a`, '/usr/src/app/node_modules'),
    sourceChangeBytes: await newLayerBytes(docker, `${tag}:a`, `${tag}:b`),
    coldSeconds: cold.seconds,
    rebuildSeconds: rebuild.seconds,
    stopSeconds: stop,
  };
}

const mb = (bytes: number) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
const sec = (seconds: number) => `${seconds.toFixed(1)} s`;

function table(guide: Figures, ours: Figures): string {
  const rows: [string, (f: Figures) => number, (n: number) => string][] = [
    ['image size', (f) => f.imageBytes, mb],
    ['runtime node_modules', (f) => f.nodeModulesBytes, mb],
    ['bytes shipped by a one-line source change', (f) => f.sourceChangeBytes, mb],
    ['build, layer cache off', (f) => f.coldSeconds, sec],
    ['rebuild after the source change', (f) => f.rebuildSeconds, sec],
    ['docker stop', (f) => f.stopSeconds, sec],
  ];
  const lines = ['| figure | guide | nestship | nestship / guide |', '| --- | ---: | ---: | ---: |'];
  for (const [label, pick, format] of rows) {
    const ratio = pick(ours) / pick(guide);
    const shown = ratio < 0.01 ? ratio.toExponential(2) : ratio.toFixed(3);
    lines.push(`| ${label} | ${format(pick(guide))} | ${format(pick(ours))} | ${shown} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const project = resolve(process.argv[2] ?? join(repo, 'test/fixtures/projects/npm-prisma7'));
  const status = await engineStatus();
  if (!status.ok) throw new Error(status.reason);
  const work = await mkdtemp(join(tmpdir(), 'nestship-bench-'));
  const tags = ['nestship-bench-guide', 'nestship-bench-ours'];
  try {
    const guideDir = join(work, 'guide');
    const oursDir = join(work, 'ours');
    const filter = (src: string) => !/[/\\](node_modules|dist)$/.test(src);
    await cp(project, guideDir, { recursive: true, filter });
    await cp(project, oursDir, { recursive: true, filter });
    const withPrisma = existsSync(join(project, 'prisma'));
    await writeFile(join(guideDir, 'Dockerfile'), guideDockerfile(withPrisma));
    await writeFile(join(guideDir, '.dockerignore'), GUIDE_DOCKERIGNORE);
    await exec(process.execPath, [join(repo, 'bin/nestship.js'), 'init', oursDir, '--base', 'slim']);
    process.stderr.write(`project: ${project}\n`);
    const guide = await measure(status.docker, guideDir, tags[0]!, undefined);
    const ours = await measure(status.docker, oursDir, tags[1]!, 'runner');
    process.stdout.write(`${table(guide, ours)}\n`);
    const packageJson = JSON.parse(await readFile(join(project, 'package.json'), 'utf8')) as { name: string };
    process.stderr.write(`measured on ${packageJson.name}\n`);
  } finally {
    await removeImages(...tags.flatMap((tag) => [`${tag}:a`, `${tag}:b`]));
    await rm(work, { recursive: true, force: true });
  }
}

await main();
