/**
 * A project made by the real Nest CLI from the npm registry at test time, with Prisma 7 added the
 * way its docs say (prisma, @prisma/client, @prisma/adapter-pg, pg, a schema, prisma.config.ts),
 * then `nestship init` as a process. Every file it writes is checked against the project, and the
 * entry path in the Dockerfile is checked against where `nest build` really puts main.js.
 *
 * Needs the npm registry. Without it the test skips, except under CI where it fails.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const repo = join(import.meta.dirname, '../..');

/** Pinned so the test sees the same starter every time; bump on purpose. */
const NEST_CLI = '@nestjs/cli@12.0.12';
const PRISMA = '7.10.0';
const PG = '8.23.1';

const SCHEMA = `generator client {
  provider = "prisma-client"
  output   = "../src/generated/prisma"
}

datasource db {
  provider = "postgresql"
}

model Note {
  id   Int    @id @default(autoincrement())
  text String
}
`;

const CONFIG = `import { defineConfig, env } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: env('DATABASE_URL') },
});
`;

const MIGRATION = `CREATE TABLE "Note" ("id" SERIAL NOT NULL, "text" TEXT NOT NULL, CONSTRAINT "Note_pkey" PRIMARY KEY ("id"));
`;

const scratch = await mkdtemp(join(tmpdir(), 'nestship-nest-cli-'));
after(() => rm(scratch, { recursive: true, force: true }));

async function registryReachable(): Promise<boolean> {
  try {
    await exec('npm', ['view', NEST_CLI, 'version'], { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

test('init writes a working setup for a project made by the real Nest CLI with Prisma 7', async (t) => {
  if (!(await registryReachable())) {
    if (process.env.CI) throw new Error('CI needs the npm registry for the Nest CLI test');
    t.skip('the npm registry is not reachable');
    return;
  }
  const app = join(scratch, 'app');
  const run = (cmd: string, args: string[], cwd = app) => exec(cmd, args, { cwd, timeout: 600_000, maxBuffer: 1 << 26 });

  // The starter, exactly as the CLI makes it; --skip-git and a package manager keep it prompt-free.
  await run('npx', ['-y', NEST_CLI, 'new', 'app', '--skip-git', '--package-manager', 'npm'], scratch);
  const starterManifest = await readFile(join(app, 'package.json'), 'utf8');

  // Prisma 7 with PostgreSQL through the driver adapter.
  await run('npm', ['install', '--save-dev', `prisma@${PRISMA}`]);
  await run('npm', ['install', `@prisma/client@${PRISMA}`, `@prisma/adapter-pg@${PRISMA}`, `pg@${PG}`]);
  await mkdir(join(app, 'prisma/migrations/20260101000000_init'), { recursive: true });
  await writeFile(join(app, 'prisma/schema.prisma'), SCHEMA);
  await writeFile(join(app, 'prisma/migrations/20260101000000_init/migration.sql'), MIGRATION);
  await writeFile(join(app, 'prisma/migrations/migration_lock.toml'), 'provider = "postgresql"\n');
  await writeFile(join(app, 'prisma.config.ts'), CONFIG);
  const manifestBefore = await readFile(join(app, 'package.json'), 'utf8');

  const init = await exec(process.execPath, [join(repo, 'bin/nestship.js'), 'init', app], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  t.diagnostic(init.stdout);

  // What was detected, with its source.
  assert.match(init.stdout, /package manager\s+npm/);
  assert.match(init.stdout, /prisma\s+7 \(7\.10\.0\)/);
  assert.match(init.stdout, /prisma client\s+prisma-client -> src\/generated\/prisma/);
  // The starter has no shutdown hooks: init says so.
  assert.match(init.stderr, /enableShutdownHooks\(\) is not called/);

  // The entry path nestship chose is where `nest build` really writes main.js.
  const dockerfile = await readFile(join(app, 'Dockerfile'), 'utf8');
  const entry = /^CMD \["node", "([^"]+)"\]$/m.exec(dockerfile)?.[1];
  assert.ok(entry, 'the runtime CMD names an entry file');
  await run('npm', ['run', 'build']);
  assert.ok(existsSync(join(app, entry)), `${entry} exists after nest build`);

  // Dockerfile: the guide's stages and args, and the departures.
  for (const stage of ['base', 'deps', 'builder', 'prod-deps', 'migrate', 'runner']) {
    assert.match(dockerfile, new RegExp(`^FROM \\S+ AS ${stage}$`, 'm'), `stage ${stage}`);
  }
  for (const arg of ['NODE_MEMORY=512', 'PORT=3000', 'RUNTIME_NODE_MEMORY=384']) assert.match(dockerfile, new RegExp(`^ARG ${arg}$`, 'm'));
  assert.doesNotMatch(dockerfile, /^# syntax=/m);
  assert.match(dockerfile, /--mount=type=cache,target=\/root\/\.npm/);
  assert.match(dockerfile, /prisma generate/);
  assert.match(dockerfile, /^CMD \["node_modules\/\.bin\/prisma", "migrate", "deploy"\]$/m);
  const runner = dockerfile.slice(dockerfile.indexOf('AS runner'));
  assert.ok(runner.indexOf('./node_modules') < runner.indexOf('./dist'), 'node_modules is copied before dist/');
  assert.match(runner, /^USER 1000:1000$/m);
  assert.equal(dockerfile.split('\n').filter((l) => /^ENV NODE_ENV=production$/.test(l)).length, 1);
  assert.ok(dockerfile.indexOf('\nENV NODE_ENV=production') > dockerfile.indexOf('AS runner'), 'NODE_ENV only in the runtime');

  // The other files.
  const ignore = await readFile(join(app, '.dockerignore'), 'utf8');
  for (const entryName of ['node_modules', 'dist', '.git', '.env', '.npmrc', 'coverage']) {
    assert.match(ignore, new RegExp(`^${entryName.replace('.', '\\.')}$`, 'm'));
  }
  const compose = await readFile(join(app, 'compose.yaml'), 'utf8');
  assert.match(compose, /image: postgres:17/);
  assert.match(compose, /condition: service_healthy/);
  assert.match(compose, /condition: service_completed_successfully/);
  assert.match(compose, /target: migrate/);
  const local = await readFile(join(app, 'Dockerfile.local'), 'utf8');
  assert.match(local, /--watch/);
  assert.match(local, /CHOKIDAR_USEPOLLING=true/);

  // package.json: only the script was added, in the file's own formatting.
  const manifestAfter = await readFile(join(app, 'package.json'), 'utf8');
  assert.equal(JSON.parse(manifestAfter).scripts['migration:run'], 'prisma migrate deploy');
  const withoutScript = manifestAfter.replace(/,\n\s+"migration:run": "prisma migrate deploy"/, '');
  assert.equal(withoutScript, manifestBefore);
  assert.notEqual(starterManifest, manifestBefore, 'the Prisma packages were added before init');

  // tsconfig.build.json: the starter has one, so init keeps it.
  assert.match(init.stdout, /keep\s+tsconfig\.build\.json/);

  // .nestship.json: a hash for each file written, so the next run knows its own output.
  const state = JSON.parse(await readFile(join(app, '.nestship.json'), 'utf8'));
  assert.deepEqual(Object.keys(state.init.files).sort(), ['.dockerignore', 'Dockerfile', 'Dockerfile.local', 'compose.yaml']);

  // And a second run is a no-op.
  const again = await exec(process.execPath, [join(repo, 'bin/nestship.js'), 'init', app], { env: { ...process.env, NO_COLOR: '1' } });
  assert.doesNotMatch(again.stdout, /^\s+(create|update|conflict)\s/m);
});
