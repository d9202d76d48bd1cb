import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { formatReport } from '../../src/report/index.js';
import { sampleReport } from './sample.js';

// The OASIS SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it (the rtm.5 text, draft-04), from a
// devDependency: a viewer or upload that follows the schema accepts what it accepts.
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// unicodeRegExp off: one language-tag pattern in that schema text is not valid under the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: any[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: any[];
  }>;
}

function sarifOf(report = sampleReport()): SarifLog {
  return JSON.parse(formatReport(report, 'sarif')) as SarifLog;
}

test('the SARIF log validates against the SARIF 2.1.0 schema', () => {
  const log = sarifOf();
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
});

test('a verify report with passes and figures still validates', () => {
  const log = sarifOf(
    sampleReport({
      tool: 'verify',
      passes: [{ id: 'NS103', message: 'held', figures: { seconds: 0.4 } }],
      figures: { imageBytes: 123 },
    }),
  );
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
  const pass = log.runs[0]!.results.find((result) => result.kind === 'pass');
  assert.equal(pass.level, 'none');
});

test('the driver names the tool with its version and lists every rule that ran', () => {
  const driver = sarifOf().runs[0]!.tool.driver;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.equal(driver.name, 'nestship');
  assert.equal(driver.version, pkg.version);
  assert.match(driver.informationUri, /^https:\/\//);
  assert.deepEqual(
    driver.rules.map((rule) => rule.id),
    ['NS103', 'NS109', 'NS210'],
  );
  const rule = driver.rules[1];
  assert.equal(rule.name, 'exec-form-cmd');
  assert.equal(rule.shortDescription.text, 'CMD is written in exec form.');
  assert.match(rule.fullDescription.text, /PID 1/);
  assert.match(rule.help.text, /exec form/);
  assert.equal(rule.defaultConfiguration.level, 'warning');
  assert.equal(driver.rules[2].defaultConfiguration.level, 'note');
});

test('results point at their rule by index and carry real line and column ranges', () => {
  const run = sarifOf().runs[0]!;
  const cmd = run.results.find((result) => result.ruleId === 'NS109');
  assert.equal(run.tool.driver.rules[cmd.ruleIndex].id, 'NS109');
  assert.equal(cmd.level, 'warning');
  assert.match(cmd.message.text, /shell form/);
  const location = cmd.locations[0].physicalLocation;
  assert.deepEqual(location.artifactLocation, { uri: 'Dockerfile', uriBaseId: 'SRCROOT' });
  assert.deepEqual(location.region, { startLine: 12, startColumn: 1, endLine: 12, endColumn: 24 });
  assert.equal(run.originalUriBaseIds.SRCROOT!.uri, 'file:///work/app/');
});

test('a finding in a JSON file still names its file, with the JSON path as a logical location', () => {
  const run = sarifOf().runs[0]!;
  const script = run.results.find((result) => result.ruleId === 'NS210');
  assert.equal(script.level, 'note');
  assert.equal(script.locations[0].physicalLocation.artifactLocation.uri, 'package.json');
  assert.equal(script.locations[0].physicalLocation.region, undefined);
  assert.equal(script.locations[0].logicalLocations[0].fullyQualifiedName, 'scripts.start');
});

test('results come in file and line order whatever order the rules produced them', () => {
  const ids = sarifOf().runs[0]!.results.map((result) => result.ruleId);
  assert.deepEqual(ids, ['NS103', 'NS109', 'NS210']);
});

test('paths with spaces become valid relative URIs', () => {
  const report = sampleReport();
  report.findings[0]!.location.file = 'docker files/Dockerfile';
  const log = sarifOf(report);
  assert.equal(validate(log), true, JSON.stringify(validate.errors));
  const uris = log.runs[0]!.results.map(
    (r) => r.locations[0].physicalLocation.artifactLocation.uri,
  );
  assert.ok(uris.includes('docker%20files/Dockerfile'));
});

test('the schema check is real: a result with an invalid level is rejected', () => {
  const log = sarifOf();
  log.runs[0]!.results[0].level = 'fatal';
  assert.equal(validate(log), false);
});

test('inside a repository checkout, paths are written from the checkout for code scanning', () => {
  const report = sampleReport({ root: '/repo/services/api' });
  const log = JSON.parse(formatReport(report, 'sarif', { workspace: '/repo' })) as SarifLog;
  assert.equal(validate(log), true, JSON.stringify(validate.errors));
  const run = log.runs[0]!;
  assert.equal(run.originalUriBaseIds.SRCROOT!.uri, 'file:///repo/');
  assert.equal(
    run.results[0].locations[0].physicalLocation.artifactLocation.uri,
    'services/api/Dockerfile',
  );
  // A checkout that does not hold the project changes nothing.
  const elsewhere = JSON.parse(formatReport(report, 'sarif', { workspace: '/other' })) as SarifLog;
  assert.equal(elsewhere.runs[0]!.originalUriBaseIds.SRCROOT!.uri, 'file:///repo/services/api/');
});
