import assert from 'node:assert/strict';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding, TextEdit } from '../../src/findings.js';
import { planFixes, writeFixes } from '../../src/check/fix.js';

/** A finding carrying edits, as a rule with a safe fix reports it. */
function withFix(id: string, ...fix: TextEdit[]): Finding {
  return {
    id,
    severity: 'error',
    message: 'm',
    location: { file: 'Dockerfile', line: fix[0]!.line },
    fix,
  };
}

const edit = (line: number, column: number, endColumn: number, text: string): TextEdit => ({
  line,
  column,
  endLine: line,
  endColumn,
  text,
});

const TEXT = 'FROM node:22-slim\nRUN npm install\nCMD node dist/main.js\n';

test('edits apply bottom-up so each keeps its own positions', () => {
  const [plan] = planFixes(
    [
      withFix('NS103', edit(2, 9, 16, 'ci')),
      withFix('NS108', edit(3, 5, 22, '["node", "dist/main.js"]')),
    ],
    () => TEXT,
  );
  assert.equal(plan?.after, 'FROM node:22-slim\nRUN npm ci\nCMD ["node", "dist/main.js"]\n');
  assert.deepEqual(
    plan?.fixed.map((f) => f.id),
    ['NS103', 'NS108'],
  );
});

test('a fix that overlaps one already taken is skipped whole', () => {
  const [plan] = planFixes(
    [
      withFix('NS103', edit(2, 9, 16, 'ci')),
      withFix('NS999', edit(2, 5, 12, 'yarn'), edit(3, 1, 4, 'X')),
    ],
    () => TEXT,
  );
  assert.equal(plan?.after, 'FROM node:22-slim\nRUN npm ci\nCMD node dist/main.js\n');
  assert.deepEqual(
    plan?.skipped.map((f) => f.id),
    ['NS999'],
  );
});

test('CRLF files keep their line endings and positions', () => {
  const crlf = TEXT.replace(/\n/g, '\r\n');
  const [plan] = planFixes([withFix('NS103', edit(2, 9, 16, 'ci'))], () => crlf);
  assert.equal(plan?.after, 'FROM node:22-slim\r\nRUN npm ci\r\nCMD node dist/main.js\r\n');
});

test('findings without edits plan nothing', () => {
  assert.deepEqual(
    planFixes(
      [{ id: 'NS103', severity: 'error', message: 'm', location: { file: 'Dockerfile' } }],
      () => TEXT,
    ),
    [],
  );
});

test('writing replaces the file, keeps its permissions and leaves no temporary file behind', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'nestship-fix-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'Dockerfile'), TEXT);
  chmodSync(join(dir, 'Dockerfile'), 0o666);
  const plans = planFixes([withFix('NS103', edit(2, 9, 16, 'ci'))], (file) =>
    readFileSync(join(dir, file), 'utf8'),
  );
  writeFixes(dir, plans);
  assert.equal(
    readFileSync(join(dir, 'Dockerfile'), 'utf8'),
    'FROM node:22-slim\nRUN npm ci\nCMD node dist/main.js\n',
  );
  assert.deepEqual(readdirSync(dir), ['Dockerfile']);
  assert.equal(statSync(join(dir, 'Dockerfile')).mode & 0o777, 0o666);
});

test('a Dockerfile that is a symlink stays a symlink, and the file it names is fixed', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'nestship-fix-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'Dockerfile.shared'), TEXT);
  symlinkSync('Dockerfile.shared', join(dir, 'Dockerfile'));
  const plans = planFixes([withFix('NS103', edit(2, 9, 16, 'ci'))], (file) =>
    readFileSync(join(dir, file), 'utf8'),
  );
  writeFixes(dir, plans);
  assert.equal(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink(), true);
  assert.match(readFileSync(join(dir, 'Dockerfile.shared'), 'utf8'), /^RUN npm ci$/m);
});
