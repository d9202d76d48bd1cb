// The bundled example with its own (generated) Dockerfile: every verify check passes, against a
// real PostgreSQL, and the migrate target carries the pinned Prisma CLI and nothing it should not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verify } from '../../src/verify/index.js';
import { requireEngine } from '../support/engine.js';
import { freshDatabase, requirePostgres } from '../support/postgres.js';
import { applyExampleMigrations, EXAMPLE, EXAMPLE_BUILD_ARGS } from './example-support.js';
import { TEST_LABELS } from './fixtures.js';

test('every verify check passes on the bundled example', async (t) => {
  if (!(await requireEngine(t)) || !(await requirePostgres(t))) return;
  const url = await freshDatabase(t);
  await applyExampleMigrations(url);
  // The source half of the cache experiment; the lockfile half re-installs every dependency of the
  // example twice, so it runs on the small fixture app instead (broken.test.ts, the control image).
  const report = await verify(EXAMPLE, {
    cacheExperiment: 'source',
    labels: TEST_LABELS,
    env: [`DATABASE_URL=${url}`],
    buildArgs: EXAMPLE_BUILD_ARGS,
  });
  t.diagnostic(`figures: ${JSON.stringify(report.figures)}`);
  assert.deepEqual(report.findings, [], JSON.stringify(report.findings, null, 2));

  // Every probe ran: the cache experiment, the container, Prisma, the stop.
  const passed = new Set(report.passes.map((p) => p.id));
  for (const id of [
    'NS301', 'NS302', 'NS304', 'NS305', 'NS306', 'NS307', 'NS308', 'NS309', 'NS310', 'NS311',
    'NS312', 'NS313', 'NS314', 'NS315', 'NS316', 'NS317', 'NS318', 'NS319', 'NS320', 'NS321',
  ]) {
    assert.ok(passed.has(id), `${id} passed; figures: ${JSON.stringify(report.figures)}`);
  }
  assert.ok(Number(report.figures?.sourceChangeNewLayerBytes) > 0);
});

test('the migrate target of the bundled example carries the Prisma CLI and passes the content checks', async (t) => {
  if (!(await requireEngine(t))) return;
  const report = await verify(EXAMPLE, {
    target: 'migrate',
    cacheExperiment: 'off',
    labels: TEST_LABELS,
    buildArgs: EXAMPLE_BUILD_ARGS,
  });
  assert.deepEqual(report.findings, [], JSON.stringify(report.findings, null, 2));
  assert.ok(report.passes.some((p) => p.id === 'NS316' && /migrate target carries the Prisma CLI/.test(p.message)));
});
