// A corpus of broken images, one fault each, all over the same tiny Nest app. verify builds each
// one on the real engine, runs it, and must name the fault with its id. The well-made image of the
// same app is the control: verify must find nothing wrong with it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verify, type VerifyOptions } from '../../src/verify/index.js';
import { requireEngine } from '../support/engine.js';
import { fixtureProject, TEST_LABELS } from './fixtures.js';

interface Fault {
  fixture: string;
  id: string;
  says: RegExp;
  options?: VerifyOptions;
}

const FAULTS: Fault[] = [
  { fixture: 'root-user', id: 'NS304', says: /runs as root/ },
  { fixture: 'shell-form-cmd', id: 'NS306', says: /starts through a shell/ },
  { fixture: 'env-copied', id: 'NS312', says: /\.env files: \.env \(layer \d+\)/ },
  { fixture: 'dev-dependencies', id: 'NS310', says: /dev-only packages .*typescript/ },
  // Only the cache experiment can see this fault: a source change re-runs the install.
  { fixture: 'copy-before-install', id: 'NS301', says: /re-ran \[build 2\/3\] RUN .*npm ci/, options: { cacheExperiment: 'source' } },
  { fixture: 'npm-start', id: 'NS307', says: /PID 1 is `npm/ },
  {
    fixture: 'token-in-arg',
    id: 'NS313',
    says: /build argument NPM_TOKEN=npm_… in the history/,
    options: { buildArgs: { NPM_TOKEN: 'npm_0123456789abcdefFakeTokenForTests' } },
  },
  { fixture: 'wrong-entry', id: 'NS308', says: /runs dist\/src\/main\.js, which is not in the image; the image has dist\/main\.js/ },
  { fixture: 'prisma-missing', id: 'NS315', says: /generated Prisma client \(prisma-client, output src\/generated\/prisma\) is not in the image/ },
];

describe('verify on broken images', () => {
  test('the well-made image of the fixture app passes every check', async (t) => {
    if (!(await requireEngine(t))) return;
    const dir = await fixtureProject(t, 'good');
    const report = await verify(dir, { cacheExperiment: 'full', labels: TEST_LABELS });
    assert.deepEqual(report.findings, [], JSON.stringify(report.findings, null, 2));
    const passed = new Set(report.passes.map((p) => p.id));
    for (const id of ['NS301', 'NS302', 'NS303', 'NS304', 'NS305', 'NS306', 'NS307', 'NS308', 'NS310', 'NS317', 'NS318', 'NS319']) {
      assert.ok(passed.has(id), `${id} passed; figures: ${JSON.stringify(report.figures)}`);
    }
    assert.ok(Number(report.figures?.sourceChangeNewLayerBytes) > 0, 'the source change shipped the new dist layer');
  });

  for (const fault of FAULTS) {
    test(`verify names the fault in ${fault.fixture} as ${fault.id}`, async (t) => {
      if (!(await requireEngine(t))) return;
      const dir = await fixtureProject(t, `broken/${fault.fixture}`);
      const report = await verify(dir, { cacheExperiment: 'off', labels: TEST_LABELS, ...fault.options });
      const hit = report.findings.find((f) => f.id === fault.id);
      assert.ok(hit, `${fault.id} in ${JSON.stringify(report.findings.map((f) => [f.id, f.message]), null, 2)}`);
      assert.match(hit.message, fault.says);
      assert.equal(hit.location.file, 'Dockerfile');
    });
  }
});
