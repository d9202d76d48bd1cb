import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport, shouldColor } from '../../src/report/index.js';
import { sampleReport } from './sample.js';

const ANSI = /\u001b\[/;

test('findings print as file:line:col, id, severity and message, grouped by file', () => {
  const out = formatReport(sampleReport(), 'pretty', { color: false });
  const lines = out.split('\n');
  assert.equal(lines[0], 'Dockerfile');
  assert.match(lines[1]!, /^ {2}Dockerfile:5:5 +NS103 +error +npm install may change the lockfile; use npm ci\.$/);
  assert.match(lines[2]!, /^ {2}Dockerfile:12:1 +NS109 +warning +CMD is in shell form.*\[fixable\]$/);
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
