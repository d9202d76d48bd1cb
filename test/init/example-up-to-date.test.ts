/**
 * The bundled example's container files are what `nestship init` writes today. If the generator or
 * the example changes, this fails until `node bin/nestship.js init examples/nest-prisma-api` is run
 * again (with --force for files the example changed by hand) and the result committed.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { init } from '../../src/init/index.js';

const exec = promisify(execFile);
const repo = join(import.meta.dirname, '../..');
const example = 'examples/nest-prisma-api';
const scratch = await mkdtemp(join(tmpdir(), 'nestship-example-'));
after(() => rm(scratch, { recursive: true, force: true }));

test('the committed container files of examples/nest-prisma-api are what init writes now', async () => {
  // The committed tree only: a developer's node_modules or dist/ must not change what init sees.
  const { stdout } = await exec('git', ['ls-files', '-z', '--', example], { cwd: repo, maxBuffer: 1 << 24 });
  for (const path of stdout.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(scratch, path)), { recursive: true });
    await cp(join(repo, path), join(scratch, path));
  }
  const result = await init(join(scratch, example), { dryRun: true });
  // `keep` is tsconfig.build.json when the example has its own: init leaves it as committed.
  const stale = result.files
    .filter((file) => file.status !== 'identical' && file.status !== 'keep')
    .map((file) => `${file.status} ${file.path}`);
  assert.deepEqual(stale, [], `run: node bin/nestship.js init ${example} --force, and commit the result`);
});
