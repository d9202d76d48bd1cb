/**
 * The bad corpus: fixtures/bad/_base is a clean NestJS + Prisma setup, and every other folder plants
 * one fault into a copy of it (its files replace the base's; a REMOVE file lists base files to
 * delete). The folder is named after the rule that must catch the fault.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectProfile } from '../../src/detect/index.js';
import type { Finding } from '../../src/findings.js';
import { allRules, buildRuleContext, lintProject } from '../../src/rules/index.js';

const corpus = new URL('./fixtures/bad/', import.meta.url).pathname;
const cases = readdirSync(corpus).filter((name) => !name.startsWith('_')).sort();

/** Lay the case over the base in a scratch folder and lint it like `check` would. */
async function lintCase(name: string | undefined): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), 'nestship-bad-'));
  try {
    cpSync(join(corpus, '_base'), root, { recursive: true });
    if (name) {
      cpSync(join(corpus, name), root, { recursive: true });
      const remove = readIfExists(join(root, 'REMOVE'));
      for (const rel of (remove ?? '').split('\n').filter(Boolean)) rmSync(join(root, rel), { force: true });
      rmSync(join(root, 'REMOVE'), { force: true });
    }
    const profile = await detectProfile(root).catch(() => undefined);
    const ctx = buildRuleContext({
      root,
      text: readIfExists(join(root, 'Dockerfile')) ?? '',
      dockerignoreText: readIfExists(join(root, '.dockerignore')),
      profile,
    });
    return lintProject(ctx);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

test('the clean base of the corpus has no findings', async () => {
  assert.deepEqual((await lintCase(undefined)).map((f) => `${f.id} ${f.message}`), []);
});

test('the corpus plants a fault for every rule', () => {
  assert.deepEqual(cases, allRules.map((r) => r.meta.name).sort());
});

for (const name of cases) {
  const rule = allRules.find((r) => r.meta.name === name);
  test(`the ${name} fault is caught as ${rule?.meta.id ?? 'an unknown rule'}`, async () => {
    assert.ok(rule, `no rule is named ${name}`);
    const ids = (await lintCase(name)).map((f) => f.id);
    assert.ok(ids.includes(rule.meta.id), `expected ${rule.meta.id} among ${ids.join(', ') || 'no findings'}`);
  });
}
