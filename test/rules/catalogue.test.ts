import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { allRules, ruleMetas } from '../../src/rules/index.js';

const here = new URL('.', import.meta.url);

test('every rule has a unique id in its range and a kebab-case name', () => {
  const ids = ruleMetas.map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const meta of ruleMetas) {
    assert.match(meta.id, /^NS[012]\d\d$/);
    assert.match(meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(meta.summary && meta.why && meta.fix, `${meta.id} has summary, why and fix`);
  }
});

test('every rule lives in a file named after it and has a test file of the same name', () => {
  for (const rule of allRules) {
    const name = rule.meta.name;
    assert.ok(existsSync(new URL(`../../src/rules/${name}.ts`, here)), `src/rules/${name}.ts`);
    assert.ok(existsSync(new URL(`./${name}.test.ts`, here)), `test/rules/${name}.test.ts`);
  }
});
