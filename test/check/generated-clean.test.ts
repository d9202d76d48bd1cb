/**
 * What `nestship init` generates must pass `nestship check`: every golden folder's Dockerfile and
 * .dockerignore, linted against the fixture project it was generated from, give no findings.
 *
 * Findings in the project's own sources (for example NS205 in src/main.ts of a fixture that never
 * enables shutdown hooks) are facts about the fixture that no generated file can change, so only
 * findings located in the files init writes count here.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectProfile } from '../../src/detect/index.js';
import { buildRuleContext, lintProject } from '../../src/rules/index.js';

const goldens = new URL('../init/goldens/', import.meta.url).pathname;
const projects = new URL('../fixtures/projects/', import.meta.url).pathname;
const names = existsSync(goldens)
  ? readdirSync(goldens).filter((name) => existsSync(join(goldens, name, 'Dockerfile'))).sort()
  : [];

test('there are golden Dockerfiles to check', () => {
  assert.ok(names.length > 0, `no golden Dockerfile under ${goldens}`);
});

for (const name of names) {
  test(`the generated setup for ${name} has no findings`, async () => {
    const golden = join(goldens, name);
    const project = join(projects, name);
    // Generated files win over the project's; everything else is the project's own.
    const read = (rel: string): string | undefined => {
      for (const base of [golden, project]) {
        const path = join(base, rel);
        if (existsSync(path)) return readFileSync(path, 'utf8');
      }
      return undefined;
    };
    const ctx = buildRuleContext({
      root: project,
      text: readFileSync(join(golden, 'Dockerfile'), 'utf8'),
      dockerignoreText: read('.dockerignore'),
      profile: await detectProfile(project),
      readFile: read,
    });
    const written = new Set(readdirSync(golden, { recursive: true }).map(String));
    const findings = lintProject(ctx).filter((f) => written.has(f.location.file));
    assert.deepEqual(findings.map((f) => `${f.id} ${f.location.file}:${f.location.line}:${f.location.column} ${f.message}`), []);
  });
}
