import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type TestContext } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import type { Finding } from '../../src/findings.js';
import { check } from '../../src/check/index.js';
import { isSuppressed, parsePragmas } from '../../src/check/pragmas.js';

/** A finding of `id` at a Dockerfile line: what a rule would report there. */
function at(id: string, line: number, file = 'Dockerfile'): Finding {
  return { id, severity: 'warning', message: 'm', location: { file, line, column: 1 } };
}

function silenced(text: string, finding: Finding): boolean {
  return isSuppressed(finding, parsePragmas(text), 'Dockerfile');
}

const DOCKERFILE = [
  'FROM node:22-slim AS build', //  1
  '# nestship ignore=NS103', //      2
  'RUN npm install', //               3
  'RUN npm install', //               4
  '# nestship ignore=NS108,NS110', // 5
  '# a note between the pragma and its instruction', // 6
  '', //                              7
  'CMD node \\', //                   8
  '  dist/main.js', //                9
  '', //                             10
  'FROM node:22-slim', //            11
  '# nestship stage ignore=NS120', // 12
  'COPY . .', //                     13
  'USER root', //                    14
  'FROM node:22-slim AS runtime', // 15
  'USER root', //                    16
].join('\n');

test('an ignore pragma silences its ids on the next instruction only', () => {
  assert.equal(silenced(DOCKERFILE, at('NS103', 3)), true);
  assert.equal(silenced(DOCKERFILE, at('NS103', 4)), false);
  assert.equal(silenced(DOCKERFILE, at('NS104', 3)), false);
});

test('the next instruction may follow after comments and blank lines, and spans its continuations', () => {
  assert.equal(silenced(DOCKERFILE, at('NS108', 8)), true);
  assert.equal(silenced(DOCKERFILE, at('NS110', 9)), true);
  assert.equal(silenced(DOCKERFILE, at('NS108', 13)), false);
});

test('a stage pragma covers the rest of its stage and stops at the next FROM', () => {
  assert.equal(silenced(DOCKERFILE, at('NS120', 13)), true);
  assert.equal(silenced(DOCKERFILE, at('NS120', 14)), true);
  assert.equal(silenced(DOCKERFILE, at('NS120', 16)), false);
  assert.equal(silenced(DOCKERFILE, at('NS120', 3)), false);
});

test('a stage pragma above a FROM covers that whole stage', () => {
  const text = [
    'FROM a',
    'RUN x',
    '# nestship stage ignore=NS120',
    'FROM b',
    'RUN y',
    'FROM c',
    'RUN z',
  ].join('\n');
  assert.equal(silenced(text, at('NS120', 2)), false);
  assert.equal(silenced(text, at('NS120', 4)), true);
  assert.equal(silenced(text, at('NS120', 5)), true);
  assert.equal(silenced(text, at('NS120', 7)), false);
});

test('a global pragma on the very first line works although the parser reads it as a directive', () => {
  const text = [
    '# nestship global ignore=NS205',
    'FROM node:22-slim',
    'CMD ["node", "dist/main.js"]',
  ].join('\n');
  // The pitfall itself: dockerfile-ast has no comment here, only a parser directive.
  assert.equal(DockerfileParser.parse(text).getComments().length, 0);
  assert.deepEqual(parsePragmas(text), [{ scope: 'global', ids: ['NS205'], line: 1 }]);
  assert.equal(silenced(text, at('NS205', 3)), true);
  // Global means the whole check, so it also silences findings in the project files.
  assert.equal(silenced(text, at('NS205', 1, 'package.json')), true);
  assert.equal(silenced(text, at('NS206', 3)), false);
});

test('an ignore pragma on the first line covers the FROM below it', () => {
  const text = ['# nestship ignore=NS112', 'FROM node:latest', 'RUN true'].join('\n');
  assert.equal(silenced(text, at('NS112', 2)), true);
  assert.equal(silenced(text, at('NS112', 3)), false);
});

test('next-instruction and stage pragmas only ever apply to the Dockerfile', () => {
  assert.equal(silenced(DOCKERFILE, at('NS103', 3, 'package.json')), false);
});

test('a pragma-looking line inside a heredoc is data, not a pragma', () => {
  const text = [
    'FROM node:22-slim',
    'RUN <<SCRIPT',
    '# nestship ignore=NS103',
    'npm install',
    'SCRIPT',
    'RUN npm install',
  ].join('\n');
  assert.deepEqual(parsePragmas(text), []);
});

test('a pragma separated from its instruction by another instruction applies to nothing else', () => {
  const text = [
    'FROM node:22-slim',
    '# nestship ignore=NS103',
    'WORKDIR /app',
    'RUN npm install',
  ].join('\n');
  assert.equal(silenced(text, at('NS103', 4)), false);
});

test('pragmas accept spaces, lower-case ids and CRLF line endings', () => {
  const text = [
    'FROM node:22-slim',
    '#nestship ignore = ns103 , NS104',
    'RUN npm install',
    '',
  ].join('\r\n');
  const [pragma] = parsePragmas(text);
  assert.deepEqual(pragma?.ids, ['NS103', 'NS104']);
  assert.equal(silenced(text, at('NS104', 3)), true);
});

test('ordinary comments and hadolint pragmas are not nestship pragmas', () => {
  const text = ['# hadolint ignore=DL3008', '# nestship: ignore this', 'FROM node:22-slim'].join(
    '\n',
  );
  assert.deepEqual(parsePragmas(text), []);
});

// Through the library with the real rules: the pragmas decide what `check` reports.
const FIXTURE = fileURLToPath(new URL('../fixtures/projects/npm-basic/', import.meta.url));

/** A scratch copy of a NestJS project with this Dockerfile. */
function scratchProject(t: TestContext, dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nestship-pragmas-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

async function reportedIds(t: TestContext, dockerfile: string): Promise<string[]> {
  const { report } = await check(scratchProject(t, dockerfile));
  return report.findings.map((finding) => `${finding.id}@${finding.location.line ?? '-'}`);
}

const TWO_STAGES = [
  'FROM node:22-slim AS deps', //                        1
  'WORKDIR /app', //                                      2
  'COPY package.json package-lock.json ./', //            3
  'RUN npm install', //                                   4
  'FROM node:22-slim', //                                 5
  'WORKDIR /app', //                                      6
  'COPY --from=deps /app/node_modules ./node_modules', // 7
  'COPY . .', //                                          8
  'RUN npm install --omit=dev', //                        9
  'USER 1000', //                                        10
  'CMD ["node", "dist/main.js"]', //                     11
  '',
].join('\n');

test('check reports NS103 on both installs without pragmas', async (t) => {
  const ids = await reportedIds(t, TWO_STAGES);
  assert.ok(ids.includes('NS103@4') && ids.includes('NS103@9'), ids.join(' '));
});

test('check honours a next-instruction pragma and keeps the other install', async (t) => {
  const ids = await reportedIds(
    t,
    TWO_STAGES.replace('RUN npm install\n', '# nestship ignore=NS103\nRUN npm install\n'),
  );
  assert.ok(!ids.includes('NS103@5'), ids.join(' '));
  assert.ok(ids.includes('NS103@10'), ids.join(' '));
});

test('check honours a stage pragma for its stage only', async (t) => {
  const ids = await reportedIds(
    t,
    TWO_STAGES.replace('WORKDIR /app\n', 'WORKDIR /app\n# nestship stage ignore=NS103\n'),
  );
  assert.ok(!ids.includes('NS103@5'), ids.join(' '));
  assert.ok(ids.includes('NS103@10'), ids.join(' '));
});

test('check honours a global pragma on the first line of the file', async (t) => {
  const ids = await reportedIds(t, `# nestship global ignore=NS103\n${TWO_STAGES}`);
  assert.deepEqual(
    ids.filter((id) => id.startsWith('NS103')),
    [],
  );
});

test('a pragma naming an unknown id is reported at the id, and the real id still works', async (t) => {
  const text = TWO_STAGES.replace(
    'RUN npm install\n',
    '# nestship ignore=NS103,DL3008\nRUN npm install\n',
  );
  const { report } = await check(scratchProject(t, text));
  const unknown = report.findings.filter((finding) => finding.id === 'NS091');
  assert.equal(unknown.length, 1);
  assert.deepEqual(unknown[0]!.location, {
    file: 'Dockerfile',
    line: 4,
    column: 25,
    endLine: 4,
    endColumn: 31,
  });
  assert.match(unknown[0]!.message, /DL3008/);
  assert.ok(!report.findings.some((f) => f.id === 'NS103' && f.location.line === 5));
});
