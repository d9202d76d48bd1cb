// The guide's own Dockerfile, built and proven. On the Nest starter's shape (no shutdown hooks) verify
// must report the two problems the guide ships with, each with its figure: SIGTERM is ignored, so
// every stop waits out the 10 s grace period and ends in SIGKILL; and a one-line source change
// re-ships the whole node_modules layer, because the runtime copies dist/ before node_modules/.
// On the bundled example, whose main.ts enables shutdown hooks, the same Dockerfile stops fast: the
// example's test says so rather than pretending otherwise.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { verify } from '../../src/verify/index.js';
import { requireEngine } from '../support/engine.js';
import { freshDatabase, requirePostgres } from '../support/postgres.js';
import { applyExampleMigrations, EXAMPLE, EXAMPLE_BUILD_ARGS } from './example-support.js';
import { FIXTURES, fixtureProject, TEST_LABELS } from './fixtures.js';

test("on the Nest starter's shape the guide's image ignores SIGTERM and re-ships node_modules", async (t) => {
  if (!(await requireEngine(t))) return;
  const dir = await fixtureProject(t, 'guide');
  const report = await verify(dir, { cacheExperiment: 'source', labels: TEST_LABELS });
  t.diagnostic(`figures: ${JSON.stringify(report.figures)}`);

  const stop = report.findings.find((f) => f.id === 'NS319');
  assert.ok(stop, `NS319 in ${JSON.stringify(report.findings.map((f) => f.id))}`);
  assert.equal(stop.figures?.exitCode, 137, 'docker stop had to kill it');
  assert.ok(Number(stop.figures?.stopSeconds) >= Number(stop.figures?.graceSeconds) - 0.5, 'it waited out the grace period');
  assert.match(stop.message, /SIGTERM was ignored/);

  const reship = report.findings.find((f) => f.id === 'NS302');
  assert.ok(reship, `NS302 in ${JSON.stringify(report.findings.map((f) => f.id))}`);
  assert.match(String(reship.figures?.largestNewLayer), /node_modules/);
  // The node_modules layer dwarfs the compiled output it rides along with.
  assert.ok(Number(reship.figures?.newLayerBytes) > 20 * Number(reship.figures?.compiledBytes));

  // The guide names its user: Kubernetes' runAsNonRoot cannot check a name.
  assert.ok(report.findings.some((f) => f.id === 'NS305'));
  // What the guide does get right stays a pass. (NS301 is left out: whether the guide's install
  // is served from the cache after a source change depends on the engine's cache of its
  // `WORKDIR /usr/src/app` step, which BuildKit 20.10 here re-runs on every build; verify
  // reports what it measures either way.)
  for (const id of ['NS304', 'NS306', 'NS307', 'NS308', 'NS310', 'NS317']) {
    assert.ok(report.passes.some((p) => p.id === id), `${id} passes: ${JSON.stringify(report.findings)}`);
  }
});

test("on the bundled example the guide's image re-ships node_modules and the Prisma CLI, and stops fast", async (t) => {
  if (!(await requireEngine(t)) || !(await requirePostgres(t))) return;
  const url = await freshDatabase(t);
  await applyExampleMigrations(url);
  const report = await verify(EXAMPLE, {
    dockerfile: join(FIXTURES, 'guide-prisma', 'Dockerfile'),
    cacheExperiment: 'source',
    labels: TEST_LABELS,
    env: [`DATABASE_URL=${url}`],
    buildArgs: EXAMPLE_BUILD_ARGS,
  });
  t.diagnostic(`figures: ${JSON.stringify(report.figures)}`);
  const ids = report.findings.map((f) => f.id);
  assert.ok(ids.includes('NS302'), `NS302 in ${JSON.stringify(ids)}`);
  assert.ok(ids.includes('NS316'), `NS316 in ${JSON.stringify(ids)}`);
  // The example handles SIGTERM itself (enableShutdownHooks), so the guide's image stops promptly.
  assert.ok(report.passes.some((p) => p.id === 'NS319'), 'the stop passes on the example');
  assert.ok(report.passes.some((p) => p.id === 'NS317'), 'the example answers its readiness route');
});

