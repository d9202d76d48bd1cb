import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type TestContext } from 'node:test';
import { formatReport, shouldColor } from '../../src/report/index.js';
import { sampleReport } from './sample.js';

const ANSI = /\u001b\[/;

test('findings print as file:line:col, id, severity and message, grouped by file', () => {
  const out = formatReport(sampleReport(), 'pretty', { color: false });
  const lines = out.split('\n');
  assert.equal(lines[0], 'Dockerfile');
  assert.match(
    lines[1]!,
    /^ {2}Dockerfile:5:5 +NS103 +error +npm install may change the lockfile; use npm ci\.$/,
  );
  assert.match(
    lines[2]!,
    /^ {2}Dockerfile:12:1 +NS109 +warning +CMD is in shell form.*\[fixable\]$/,
  );
  assert.equal(lines[3], '');
  assert.equal(lines[4], 'package.json');
  assert.match(lines[5]!, /^ {2}package\.json \(scripts\.start\) +NS210 +info +The start script/);
});

test('a summary line counts the findings by severity', () => {
  const out = formatReport(sampleReport(), 'pretty', { color: false });
  assert.equal(out.trimEnd().split('\n').at(-1), '3 problems (1 error, 1 warning, 1 info)');
  const clean = formatReport(sampleReport({ findings: [] }), 'pretty', { color: false });
  assert.equal(clean, 'no problems\n');
});

test('verify passes and figures are shown with what they measured', () => {
  const report = sampleReport({
    tool: 'verify',
    findings: [],
    passes: [{ id: 'NS301', message: 'The runtime user is uid 10001.', figures: { uid: 10001 } }],
    figures: { imageMB: 212.4 },
  });
  const out = formatReport(report, 'pretty', { color: false });
  assert.match(out, /pass {2}NS301 {2}The runtime user is uid 10001\. {2}\(uid=10001\)/);
  assert.match(out, /figures\n {2}imageMB: 212\.4/);
  assert.match(out, /no problems, 1 passed\n$/);
});

test('colour is off unless asked for, and on when asked for', () => {
  assert.doesNotMatch(formatReport(sampleReport(), 'pretty', { color: false }), ANSI);
  assert.doesNotMatch(formatReport(sampleReport(), 'pretty'), ANSI);
  assert.match(formatReport(sampleReport(), 'pretty', { color: true }), ANSI);
});

test('colour follows the terminal: a pipe gets none, a TTY gets it', () => {
  assert.equal(shouldColor({ isTTY: false }, {}), false);
  assert.equal(shouldColor({}, {}), false);
  assert.equal(shouldColor({ isTTY: true }, {}), true);
});

test('NO_COLOR turns colour off even on a TTY and even with FORCE_COLOR', () => {
  assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
  // An empty NO_COLOR is unset, as no-color.org says.
  assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '' }), true);
});

test('FORCE_COLOR turns colour on in a pipe, and FORCE_COLOR=0 turns it off on a TTY', () => {
  assert.equal(shouldColor({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(shouldColor({ isTTY: true }, { FORCE_COLOR: '0' }), false);
  assert.equal(shouldColor({ isTTY: true }, { FORCE_COLOR: 'false' }), false);
});

// On a real terminal: `script` (util-linux) gives the CLI a pseudo-TTY as stdout, as a person has.
const BIN = fileURLToPath(new URL('../../bin/nestship.js', import.meta.url));

function runOnTty(t: TestContext, env: Record<string, string>): string | undefined {
  if (spawnSync('script', ['--version']).error) {
    if (process.env.CI) assert.fail('script (util-linux) is needed to test colour on a terminal');
    t.skip('script (util-linux) is not installed, so no pseudo-terminal can be made');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nestship-tty-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22-slim\nCMD node dist/main.js\n');
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, BIN, 'check', dir].map(quote).join(' ');
  const run = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    env: { ...base, ...env },
  });
  return run.stdout;
}

test('on a terminal the CLI paints its findings', (t) => {
  const out = runOnTty(t, {});
  if (out === undefined) return;
  assert.match(out, /NS108/);
  assert.match(out, ANSI);
});

test('on a terminal NO_COLOR still turns colour off', (t) => {
  const out = runOnTty(t, { NO_COLOR: '1' });
  if (out === undefined) return;
  assert.match(out, /NS108/);
  assert.doesNotMatch(out, ANSI);
});
