// The example's own end-to-end suite (vitest, as the Nest CLI starter sets it up), run as a
// process against a fresh database on the real PostgreSQL server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshDatabase } from '../support/postgres.js';
import { EXAMPLE_DIR, prepareExample, run } from './example.js';

test("the example's e2e suite passes against a fresh PostgreSQL database", async (t) => {
  const url = await freshDatabase(t);
  await prepareExample();

  // The suite's global setup applies the committed migrations to this empty database with psql.
  const result = await run('npx', ['vitest', 'run', '--config', 'vitest.config.e2e.ts'], {
    cwd: EXAMPLE_DIR,
    env: { ...process.env, DATABASE_URL: url, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const summary = output.split('\n').filter((line) => /^\s*(Test Files|Tests)\s/.test(line));
  for (const line of summary) t.diagnostic(line.trim());

  assert.equal(
    result.code,
    0,
    `vitest failed:\n${output.trim().split('\n').slice(-60).join('\n')}`,
  );
  const passed = Number(/Tests\s+(\d+) passed/.exec(output)?.[1] ?? 0);
  assert.ok(passed > 0, `vitest ran no test:\n${output}`);
  assert.doesNotMatch(output, /\d+ (failed|skipped)/);
});
