import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { allRules } from '../../src/rules/index.js';
import { catalogue, DOCS_DIR, renderAll } from '../../scripts/docs.js';

// The catalogue keeps itself honest: every id check can report is unique, in its range, defined in
// its own file, documented by the generated page and (for rules) tested by its own test file.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const entries = catalogue();

/** The id range each part of nestship owns; check never reports the image range. */
const RANGE: Record<string, RegExp> = {
  'src/check/own-rules.ts': /^NS0\d\d$/,
  'src/rules/index.ts': /^NS0\d\d$/,
};
const RULE_RANGE = /^NS[012]\d\d$/;

test('every rule id is unique', () => {
  const ids = entries.map((entry) => entry.meta.id);
  assert.deepEqual(
    ids.filter((id, index) => ids.indexOf(id) !== index),
    [],
  );
  const names = entries.map((entry) => entry.meta.name);
  assert.deepEqual(
    names.filter((name, index) => names.indexOf(name) !== index),
    [],
  );
});

test('every id is in a range check reports and its source file owns', () => {
  for (const { meta, source } of entries) {
    assert.match(meta.id, RANGE[source] ?? RULE_RANGE, `${meta.id} from ${source}`);
  }
});

test('every rule carries its name, summary, why and fix', () => {
  for (const { meta } of entries) {
    assert.match(meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, meta.id);
    for (const field of ['summary', 'why', 'fix'] as const) {
      assert.ok(meta[field].trim().length > 10, `${meta.id} has a ${field}`);
    }
  }
});

test('every rule lives in its own file in src/rules, named after the rule', () => {
  for (const rule of allRules) {
    const file = `src/rules/${rule.meta.name}.ts`;
    assert.ok(existsSync(`${ROOT}${file}`), `${rule.meta.id} has ${file}`);
    assert.match(readFileSync(`${ROOT}${file}`, 'utf8'), new RegExp(`id: '${rule.meta.id}'`), file);
  }
});

test('every rule has its test file under test/rules', () => {
  for (const rule of allRules) {
    const file = `test/rules/${rule.meta.name}.test.ts`;
    assert.ok(existsSync(`${ROOT}${file}`), `${rule.meta.id} has ${file}`);
  }
});

test('every docs page is what `npm run docs` writes from the metadata', () => {
  const pages = renderAll();
  for (const [name, text] of pages) {
    const path = `${DOCS_DIR}${name}`;
    assert.ok(existsSync(path), `docs/rules/${name} exists (run npm run docs)`);
    assert.equal(
      readFileSync(path, 'utf8'),
      text,
      `docs/rules/${name} is current (run npm run docs)`,
    );
  }
  const stale = readdirSync(DOCS_DIR).filter((name) => !pages.has(name));
  assert.deepEqual(stale, [], 'docs/rules holds no page of a rule that no longer exists');
});
