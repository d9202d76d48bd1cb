/**
 * The guide's own Dockerfile and .dockerignore, verbatim, around a minimal NestJS + Prisma 6 service
 * that, like most services, never enables shutdown hooks.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { detectProfile } from '../../src/detect/index.js';
import type { Finding } from '../../src/findings.js';
import { buildRuleContext, lintProject } from '../../src/rules/index.js';

const root = new URL('./fixtures/guide/', import.meta.url).pathname;

async function lintGuide(): Promise<Finding[]> {
  const ctx = buildRuleContext({
    root,
    text: readFileSync(`${root}Dockerfile`, 'utf8'),
    dockerignoreText: readFileSync(`${root}.dockerignore`, 'utf8'),
    profile: await detectProfile(root),
  });
  return lintProject(ctx);
}

const at = (f: Finding) => [f.id, f.location.file, f.location.line, f.location.column];

test("the guide's runtime stage copies node_modules after dist/, so a source change re-ships it", async () => {
  const findings = await lintGuide();
  // Line 41 is `COPY --from=prod-deps ... node_modules`, one line below the dist/ copy.
  assert.deepEqual(findings.filter((f) => f.id === 'NS110').map(at), [['NS110', 'Dockerfile', 41, 1]]);
});

test("the guide's node runs as PID 1 without shutdown hooks, so SIGTERM is ignored", async () => {
  const findings = await lintGuide();
  assert.deepEqual(findings.filter((f) => f.id === 'NS205').map(at), [['NS205', 'src/main.ts', 6, 3]]);
  // The CMD itself is right: exec form with node, so no PID 1 wrapper finding.
  assert.deepEqual(findings.filter((f) => f.id === 'NS108' || f.id === 'NS112'), []);
});

test("the guide's other gaps are the ones measured on a real engine", async () => {
  const ids = new Set((await lintGuide()).map((f) => f.id));
  // npm ci --omit=dev keeps the devOptional Prisma CLI; USER appuser is a name, not a uid;
  // the dependency install keeps npm's cache in its layer; .dockerignore lets .npmrc through.
  for (const id of ['NS123', 'NS114', 'NS124', 'NS202']) assert.ok(ids.has(id), id);
  // What the guide gets right stays quiet.
  for (const id of ['NS101', 'NS103', 'NS106', 'NS107', 'NS109', 'NS111', 'NS113']) assert.ok(!ids.has(id), id);
});
