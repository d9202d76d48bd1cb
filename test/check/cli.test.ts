import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type TestContext } from 'node:test';

// The CLI as a user runs it: the built package, a real process, real files. `npm test` builds first.
const BIN = fileURLToPath(new URL('../../bin/nestship.js', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/projects/npm-basic/', import.meta.url));
const MONOREPO = fileURLToPath(new URL('../fixtures/projects/npm-monorepo/', import.meta.url));

/** A Dockerfile written as the guide's checklist asks: no rule has anything to say about it. */
const CLEAN = `FROM node:22-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM deps AS build
COPY . .
RUN npm run build

FROM node:22-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:22-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER 1000
CMD ["node", "dist/main.js"]
`;

/** The same with the two faults `--fix` can repair: `npm install` (line 4) and a shell-form CMD (21). */
const FIXABLE = CLEAN.replace('/root/.npm npm ci\n', '/root/.npm npm install\n').replace(
  'CMD ["node", "dist/main.js"]',
  'CMD node dist/main.js',
);

const DOCKERIGNORE = [
  'node_modules',
  'dist',
  '.git',
  '.env',
  '.env.*',
  '.npmrc',
  '*.pem',
  '*.key',
  '',
].join('\n');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `nestship ARGS` with colour settings cleared unless the test sets them. */
function nestship(args: string[], env: Record<string, string> = {}): Run {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  delete base.GITHUB_WORKSPACE;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...base, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch copy of a NestJS project with the given Dockerfile (and optional extra files). */
function project(
  t: TestContext,
  dockerfile: string | undefined,
  files: Record<string, string> = {},
  fixture = FIXTURE,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'nestship-check-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(fixture, dir, { recursive: true });
  writeFileSync(join(dir, '.dockerignore'), DOCKERIGNORE);
  if (dockerfile !== undefined) writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function jsonFindings(
  run: Run,
): Array<{ id: string; severity: string; location: { line?: number; column?: number } }> {
  return JSON.parse(run.stdout).findings;
}

test('a clean project exits 0 and says so', (t) => {
  const dir = project(t, CLEAN);
  const run = nestship(['check', dir]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.stdout, 'no problems\n');
});

test('findings at or above the threshold exit 1 and print file:line:col, id and severity', (t) => {
  const dir = project(t, FIXABLE);
  const run = nestship(['check', dir]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /^ {2}Dockerfile:4:42 +NS103 +error +/m);
  assert.match(run.stdout, /^ {2}Dockerfile:21:5 +NS108 +error +/m);
  assert.match(run.stdout, /problems? \(\d+ errors?/);
});

test('--format json parses and carries each id with its line and column', (t) => {
  const dir = project(t, FIXABLE);
  const run = nestship(['check', dir, '--format', 'json']);
  assert.equal(run.code, 1);
  const findings = jsonFindings(run);
  const npmInstall = findings.find((f) => f.id === 'NS103');
  assert.deepEqual([npmInstall?.location.line, npmInstall?.location.column], [4, 42]);
  assert.ok(findings.some((f) => f.id === 'NS108'));
});

test('--format sarif and --format github write their formats on stdout', (t) => {
  const dir = project(t, FIXABLE);
  const sarif = JSON.parse(nestship(['check', dir, '--format', 'sarif']).stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'NS103'));
  const github = nestship(['check', dir, '--format', 'github']).stdout;
  assert.match(
    github,
    /^::error file=Dockerfile,line=4,col=42,.*title=NS103 lockfile-strict-install::/m,
  );
});

test('the threshold decides the exit code: flag over config over the default', (t) => {
  const dir = project(t, FIXABLE.replace('CMD node dist/main.js', 'CMD ["node", "dist/main.js"]'), {
    '.nestship.json': JSON.stringify({ check: { override: { info: ['NS103'] } } }),
  });
  // NS103 is now info: below the default threshold (warning), at or above info.
  assert.equal(nestship(['check', dir]).code, 0);
  assert.equal(nestship(['check', dir, '--threshold', 'info']).code, 1);
  writeFileSync(
    join(dir, '.nestship.json'),
    JSON.stringify({ check: { override: { info: ['NS103'] }, failureThreshold: 'info' } }),
  );
  assert.equal(nestship(['check', dir]).code, 1);
  assert.equal(nestship(['check', dir, '--threshold', 'warning']).code, 0);
  assert.equal(nestship(['check', dir, '--threshold', 'none']).code, 0);
});

test('--no-fail reports the findings and exits 0', (t) => {
  const dir = project(t, FIXABLE);
  const run = nestship(['check', dir, '--no-fail']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /NS103/);
});

test('a missing Dockerfile exits 2 with one line naming it', (t) => {
  const dir = project(t, undefined);
  const run = nestship(['check', dir]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.match(
    run.stderr,
    /^nestship: Dockerfile: no Dockerfile here; run `nestship init` to write one, or pass --file\n$/,
  );
});

test('a file given as the project directory exits 2 pointing at --file', (t) => {
  const dir = project(t, CLEAN);
  const run = nestship(['check', join(dir, 'Dockerfile')]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Dockerfile: is a file, not a project directory; .*--file/);
});

test('--file picks another Dockerfile', (t) => {
  const dir = project(t, undefined, { 'Dockerfile.prod': FIXABLE });
  const run = nestship(['check', dir, '--file', 'Dockerfile.prod', '--format', 'json']);
  assert.equal(run.code, 1);
  assert.equal(
    JSON.parse(run.stdout).findings.find((f: { id: string }) => f.id === 'NS103').location.file,
    'Dockerfile.prod',
  );
});

test('a bad config exits 2 with one line naming .nestship.json and the bad key', (t) => {
  const dir = project(t, CLEAN, {
    '.nestship.json': JSON.stringify({ check: { ignore: ['NS103'] } }),
  });
  const run = nestship(['check', dir]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.split('\n').length, 2);
  assert.match(run.stderr, /^nestship: \.nestship\.json: unknown key "check\.ignore"/);
});

test('an unknown rule id in the config exits 2 naming the id', (t) => {
  const dir = project(t, CLEAN, {
    '.nestship.json': JSON.stringify({ check: { ignored: ['DL3008'] } }),
  });
  const run = nestship(['check', dir]);
  assert.equal(run.code, 2);
  assert.match(
    run.stderr,
    /^nestship: \.nestship\.json: "check\.ignored\[0\]" names unknown rule "DL3008"/,
  );
});

test('usage errors exit 2 in one line', (t) => {
  const dir = project(t, CLEAN);
  for (const args of [['--format', 'xml'], ['--threshold', 'high'], ['--bogus'], ['--dry-run']]) {
    const run = nestship(['check', dir, ...args]);
    assert.equal(run.code, 2, args.join(' '));
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  }
});

test('ignored ids in the config are not reported', (t) => {
  const dir = project(t, FIXABLE, {
    '.nestship.json': JSON.stringify({
      init: { base: 'slim' },
      check: { ignored: ['NS103', 'NS108'] },
    }),
  });
  const run = nestship(['check', dir, '--format', 'json']);
  const ids = jsonFindings(run).map((f) => f.id);
  assert.ok(!ids.includes('NS103') && !ids.includes('NS108'), ids.join());
  assert.match(run.stderr, /2 findings silenced by pragmas or config/);
});

test('a pragma above an instruction silences that instruction through the CLI', (t) => {
  const dir = project(t, FIXABLE.replace('RUN --mount', '# nestship ignore=NS103\nRUN --mount'));
  const ids = jsonFindings(nestship(['check', dir, '--format', 'json'])).map((f) => f.id);
  assert.ok(!ids.includes('NS103'));
  assert.ok(ids.includes('NS108'));
});

test('--fix --dry-run prints a unified diff and writes nothing', (t) => {
  const dir = project(t, FIXABLE);
  const run = nestship(['check', dir, '--fix', '--dry-run']);
  assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXABLE);
  assert.match(run.stdout, /^--- a\/Dockerfile/m);
  assert.match(run.stdout, /^-RUN --mount=type=cache,target=\/root\/\.npm npm install$/m);
  assert.match(run.stdout, /^\+RUN --mount=type=cache,target=\/root\/\.npm npm ci$/m);
  assert.match(run.stdout, /^-CMD node dist\/main\.js$/m);
  assert.match(run.stdout, /^\+CMD \["node", "dist\/main\.js"\]$/m);
  assert.match(run.stderr, /would fix NS103 at Dockerfile:4/);
  // What is reported is what would be left after the fixes: nothing, so the exit code is 0.
  assert.doesNotMatch(run.stdout, /NS103|NS108/);
  assert.equal(run.code, 0);
});

test('--fix rewrites npm install to npm ci and a shell-form CMD to exec form', (t) => {
  const dir = project(t, FIXABLE);
  const run = nestship(['check', dir, '--fix']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), CLEAN);
  assert.match(run.stderr, /fixed NS103 at Dockerfile:4/);
  assert.match(run.stderr, /fixed NS108 at Dockerfile:21/);
  assert.equal(run.stdout, 'no problems\n');
  // A second run has nothing left to fix.
  const again = nestship(['check', dir, '--fix']);
  assert.match(again.stderr, /nothing to fix/);
  assert.equal(existsSync(join(dir, 'Dockerfile')), true);
});

test('--fix also completes a .dockerignore that misses sensitive files', (t) => {
  const dir = project(t, CLEAN, { '.dockerignore': DOCKERIGNORE.replace('*.pem\n*.key\n', '') });
  const run = nestship(['check', dir, '--fix']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stderr, /fixed NS202 at \.dockerignore/);
  const lines = readFileSync(join(dir, '.dockerignore'), 'utf8').split('\n');
  assert.ok(lines.includes('*.pem') && lines.includes('*.key'), lines.join(','));
});

test('--fix leaves an ignored finding alone', (t) => {
  const dir = project(t, FIXABLE, {
    '.nestship.json': JSON.stringify({ check: { ignored: ['NS103'] } }),
  });
  nestship(['check', dir, '--fix']);
  assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /npm install$/m);
});

test('without a detectable project the Dockerfile rules still run, with an info finding saying why', (t) => {
  const dir = project(t, FIXABLE);
  rmSync(join(dir, 'package.json'));
  const run = nestship(['check', dir, '--format', 'json']);
  const findings = jsonFindings(run);
  const notice = findings.find((f) => f.id === 'NS090');
  assert.equal(notice?.severity, 'info');
  assert.ok(findings.some((f) => f.id === 'NS103'));
});

test('colour never reaches a pipe unless FORCE_COLOR asks, and NO_COLOR always wins', (t) => {
  const dir = project(t, FIXABLE);
  const ansi = /\u001b\[/;
  assert.doesNotMatch(nestship(['check', dir]).stdout, ansi);
  assert.match(nestship(['check', dir], { FORCE_COLOR: '1' }).stdout, ansi);
  assert.doesNotMatch(nestship(['check', dir], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, ansi);
});

test('in a Nest monorepo the entry path is judged for the project init was run with, or --project', (t) => {
  // The image is for the worker app; nest-cli.json's default project is api.
  const worker = CLEAN.replace('dist/main.js', 'dist/apps/worker/main.js');
  const dir = project(t, worker, {}, MONOREPO);
  const ids = (args: string[]) =>
    jsonFindings(nestship(['check', dir, '--format', 'json', ...args])).map((f) => f.id);
  assert.ok(ids([]).includes('NS113'), 'the default project does not match');
  assert.ok(!ids(['--project', 'worker']).includes('NS113'));
  writeFileSync(
    join(dir, '.nestship.json'),
    JSON.stringify({ init: { options: { project: 'worker' } } }),
  );
  assert.ok(!ids([]).includes('NS113'), "init's saved project is used");
  assert.ok(ids(['--project', 'api']).includes('NS113'), 'the flag wins over the saved project');
});

test('an unknown --project exits 2 rather than silently skipping the project rules', (t) => {
  const dir = project(t, CLEAN, {}, MONOREPO);
  const run = nestship(['check', dir, '--project', 'nope']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^nestship: nest-cli\.json: no application project "nope"/);
});

test('--help prints the options and exits 0', () => {
  const run = nestship(['check', '--help']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /--threshold LEVEL/);
});
