import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport } from '../../src/report/index.js';
import { sampleReport } from './sample.js';

test('the JSON report has the documented shape, sorted findings and a summary', () => {
  const json = JSON.parse(formatReport(sampleReport(), 'json'));
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.tool.name, 'nestship');
  assert.equal(json.tool.command, 'check');
  assert.equal(json.root, '/work/app');
  assert.deepEqual(json.summary, { error: 1, warning: 1, info: 1, findings: 3, passes: 0 });
  assert.deepEqual(
    json.findings.map((f: { id: string; name: string }) => [f.id, f.name]),
    [
      ['NS103', 'lockfile-strict-install'],
      ['NS109', 'exec-form-cmd'],
      ['NS210', 'start-script-runs-node'],
    ],
  );
  assert.deepEqual(json.findings[0].location, {
    file: 'Dockerfile',
    line: 5,
    column: 5,
    endLine: 5,
    endColumn: 16,
  });
  assert.equal(json.findings[2].location.jsonPath, 'scripts.start');
  assert.equal(json.findings[1].fix[0].text, '["node", "dist/main.js"]');
  assert.deepEqual(json.passes, []);
  assert.deepEqual(json.figures, {});
});

test('the same report always prints the same bytes', () => {
  const report = sampleReport();
  const reversed = sampleReport({ findings: [...report.findings].reverse() });
  assert.equal(formatReport(report, 'json'), formatReport(reversed, 'json'));
});
