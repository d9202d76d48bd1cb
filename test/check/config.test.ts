import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { NestshipError } from '../../src/errors.js';
import { loadCheckConfig as loadConfig } from '../../src/check/index.js';

const KNOWN = new Set(['NS103', 'NS109', 'NS210']);

/** A scratch repository: `.git` at the top, the service two folders down. */
function scratchRepo(t: TestContext): { repo: string; service: string } {
  const repo = mkdtempSync(join(tmpdir(), 'nestship-config-'));
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  mkdirSync(join(repo, '.git'));
  const service = join(repo, 'services', 'api');
  mkdirSync(service, { recursive: true });
  return { repo, service };
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
}

function configError(fn: () => unknown): NestshipError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof NestshipError, `expected a NestshipError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the config to be rejected');
}

test('without any config file the defaults apply', (t) => {
  const { service } = scratchRepo(t);
  const loaded = loadConfig(service, KNOWN);
  assert.equal(loaded.path, undefined);
  assert.deepEqual(loaded.config, { ignored: [], override: {}, failureThreshold: undefined });
});

test('the check section of the project .nestship.json is read, next to the init section', (t) => {
  const { service } = scratchRepo(t);
  writeJson(join(service, '.nestship.json'), {
    init: { base: 'slim' },
    check: { ignored: ['NS210'], override: { error: ['NS109'] }, failureThreshold: 'error' },
  });
  const loaded = loadConfig(service, KNOWN);
  assert.equal(loaded.path, join(service, '.nestship.json'));
  assert.deepEqual(loaded.config, {
    ignored: ['NS210'],
    override: { error: ['NS109'] },
    failureThreshold: 'error',
  });
});

test('comments and trailing commas are accepted, as init accepts them in the same file', (t) => {
  const { service } = scratchRepo(t);
  writeJson(
    join(service, '.nestship.json'),
    '{\n  // written by nestship init\n  "init": {},\n  "check": { "ignored": ["NS103",], },\n}\n',
  );
  assert.deepEqual(loadConfig(service, KNOWN).config.ignored, ['NS103']);
});

test('the search climbs to the git root and passes over files holding only init', (t) => {
  const { repo, service } = scratchRepo(t);
  writeJson(join(service, '.nestship.json'), { init: { base: 'slim' } });
  writeJson(join(repo, '.nestship.json'), { check: { ignored: ['NS103'] } });
  const loaded = loadConfig(service, KNOWN);
  assert.equal(loaded.path, join(repo, '.nestship.json'));
  assert.deepEqual(loaded.config.ignored, ['NS103']);
});

test('the nearest check section wins over one higher up', (t) => {
  const { repo, service } = scratchRepo(t);
  writeJson(join(service, '.nestship.json'), { check: { ignored: ['NS109'] } });
  writeJson(join(repo, '.nestship.json'), { check: { ignored: ['NS103'] } });
  assert.deepEqual(loadConfig(service, KNOWN).config.ignored, ['NS109']);
});

test('the search stops at the git root', (t) => {
  const { repo } = scratchRepo(t);
  // A config above the repository must not leak in.
  const outer = join(repo, 'outer');
  mkdirSync(join(outer, 'inner', '.git'), { recursive: true });
  writeJson(join(outer, '.nestship.json'), { check: { ignored: ['NS103'] } });
  const inner = join(outer, 'inner');
  assert.equal(loadConfig(inner, KNOWN).path, undefined);
});

test('--config names the file outright', (t) => {
  const { repo, service } = scratchRepo(t);
  const file = join(repo, 'ci-check.json');
  writeJson(file, { check: { failureThreshold: 'info' } });
  assert.equal(loadConfig(service, KNOWN, file).config.failureThreshold, 'info');
});

test('a missing --config file is an error naming it', (t) => {
  const { service } = scratchRepo(t);
  const error = configError(() => loadConfig(service, KNOWN, 'nope.json'));
  assert.equal(error.oneLine(), 'nope.json: config file not found; check the --config path');
});

const INVALID: Array<[string, unknown, RegExp]> = [
  [
    'broken JSON',
    '{\n  "check": ',
    /^\.nestship\.json: is not valid JSON at line 2, column 12 \(ValueExpected\); fix its syntax$/,
  ],
  ['a top level that is not an object', '[1]', /^\.nestship\.json: must hold a JSON object/],
  [
    'a check that is not an object',
    { check: true },
    /^\.nestship\.json: "check" must be an object/,
  ],
  [
    'an unknown key',
    { check: { ignore: [] } },
    /^\.nestship\.json: unknown key "check\.ignore"; the keys are ignored, override, failureThreshold$/,
  ],
  [
    'an unknown rule id',
    { check: { ignored: ['NS103', 'NS999'] } },
    /^\.nestship\.json: "check\.ignored\[1\]" names unknown rule "NS999"/,
  ],
  [
    'ignored as a string',
    { check: { ignored: 'NS103' } },
    /"check\.ignored" must be an array of rule ids/,
  ],
  [
    'an unknown override level',
    { check: { override: { fatal: ['NS103'] } } },
    /unknown key "check\.override\.fatal"/,
  ],
  [
    'an unknown id in an override',
    { check: { override: { info: ['DL3008'] } } },
    /"check\.override\.info\[0\]" names unknown rule "DL3008"/,
  ],
  [
    'an id overridden twice',
    { check: { override: { info: ['NS103'], error: ['NS103'] } } },
    /NS103 is in both check\.override\.info and \.error/,
  ],
  [
    'a bad threshold',
    { check: { failureThreshold: 'warn' } },
    /"check\.failureThreshold" is "warn"; use one of error, warning, info, none$/,
  ],
];

for (const [what, content, expected] of INVALID) {
  test(`a config with ${what} is rejected in one line naming .nestship.json`, (t) => {
    const { service } = scratchRepo(t);
    writeJson(join(service, '.nestship.json'), content);
    const line = configError(() => loadConfig(service, KNOWN)).oneLine();
    assert.match(line, expected);
    assert.equal(line.includes('\n'), false);
  });
}

test('an error in a parent config names it by its path from the project', (t) => {
  const { repo, service } = scratchRepo(t);
  writeJson(join(repo, '.nestship.json'), { check: { bogus: 1 } });
  assert.match(
    configError(() => loadConfig(service, KNOWN)).oneLine(),
    /^\.\.\/\.\.\/\.nestship\.json: unknown key/,
  );
});
