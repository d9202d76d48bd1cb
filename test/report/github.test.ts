import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeData, escapeProperty, formatReport } from '../../src/report/index.js';
import { sampleReport } from './sample.js';

test('each finding becomes one workflow command with file, line, column and the rule as title', () => {
  const lines = formatReport(sampleReport(), 'github').trimEnd().split('\n');
  assert.deepEqual(lines, [
    '::error file=Dockerfile,line=5,col=5,endLine=5,endColumn=16,title=NS103 lockfile-strict-install::' +
      'npm install may change the lockfile; use npm ci.',
    '::warning file=Dockerfile,line=12,col=1,endLine=12,endColumn=24,title=NS109 exec-form-cmd::' +
      'CMD is in shell form: /bin/sh becomes PID 1, so SIGTERM never reaches node.',
    '::notice file=package.json,title=NS210 start-script-runs-node::' +
      'The start script runs nest start, which compiles at boot. (scripts.start)',
  ]);
});

test('messages escape percent signs and line breaks', () => {
  assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
});

test('property values also escape colons and commas', () => {
  assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
});

test('a message with a newline and a file with a comma stay one command each', () => {
  const report = sampleReport();
  report.findings = [
    {
      id: 'NS103',
      severity: 'error',
      message: 'first line\nsecond line 50%',
      location: { file: 'dir,x/Docker:file', line: 1, column: 1 },
    },
  ];
  const out = formatReport(report, 'github');
  assert.equal(out.split('\n').length, 2);
  assert.equal(
    out,
    '::error file=dir%2Cx/Docker%3Afile,line=1,col=1,title=NS103 lockfile-strict-install::' +
      'first line%0Asecond line 50%25\n',
  );
});

test('paths are re-rooted onto the repository checkout when the project is a sub-folder', () => {
  const report = sampleReport({ root: '/repo/services/api' });
  const out = formatReport(report, 'github', { workspace: '/repo' });
  assert.match(out, /^::error file=services\/api\/Dockerfile,line=5,/);
});

test('a clean report prints nothing', () => {
  assert.equal(formatReport(sampleReport({ findings: [] }), 'github'), '');
});
