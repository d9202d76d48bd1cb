// BuildKit's plain progress, folded into step records: the cache experiment's raw material.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineMisses } from '../../src/verify/cache-experiment.js';
import { ProgressParser } from '../../src/verify/progress.js';

const LOG = `#1 [internal] load build definition from Dockerfile
#1 DONE 0.0s

#4 [base 1/2] FROM docker.io/library/node:22-slim
#4 CACHED

#7 [deps 2/2] RUN --mount=type=cache,target=/root/.npm npm ci
#7 0.512 added 98 packages in 3s
#7 DONE 12.4s

#9 [3/4] COPY . .
#9 CACHED

#11 [build 3/3] RUN npm run build
#11 0.803 src/main.ts(3,1): error TS2304: Cannot find name 'nope'.
#11 ERROR: executor failed running [/bin/sh -c npm run build]: exit code: 2
`;

test('plain progress becomes one record per Dockerfile step with its cache state and time', () => {
  const parser = new ProgressParser();
  for (const line of LOG.split('\n')) parser.push(line);
  assert.deepEqual(
    parser.steps.map((s) => [s.stage, s.index, s.count, s.instruction, s.status, s.seconds]),
    [
      ['base', 1, 2, 'FROM docker.io/library/node:22-slim', 'cached', 0],
      ['deps', 2, 2, 'RUN --mount=type=cache,target=/root/.npm npm ci', 'done', 12.4],
      ['', 3, 4, 'COPY . .', 'cached', 0],
      ['build', 3, 3, 'RUN npm run build', 'error', 0],
    ],
  );
});

test('a failed step keeps what the command printed before it failed', () => {
  const parser = new ProgressParser();
  for (const line of LOG.split('\n')) parser.push(line);
  const failed = parser.steps.find((s) => s.status === 'error');
  assert.deepEqual(failed?.output, ["src/main.ts(3,1): error TS2304: Cannot find name 'nope'."]);
  assert.match(failed?.error ?? '', /exit code: 2/);
});

test('a WORKDIR that re-runs on a cached FROM is the engine losing its cache, not a source change', () => {
  const parser = new ProgressParser();
  const log = [
    '#4 [base 1/2] FROM docker.io/library/node:22-slim',
    '#4 CACHED',
    '#5 [base 2/2] WORKDIR /usr/src/app',
    '#5 DONE 0.6s',
    '#6 [deps 1/2] COPY package.json package-lock.json ./',
    '#6 DONE 0.1s',
    '#7 [deps 2/2] RUN npm ci',
    '#7 DONE 20.1s',
    '#8 [build 1/2] COPY src ./src',
    '#8 DONE 0.1s',
    '#9 [build 2/2] RUN npm run build',
    '#9 DONE 5.0s',
  ];
  for (const line of log) parser.push(line);
  assert.deepEqual(engineMisses(parser.steps).map((s) => s.instruction), ['WORKDIR /usr/src/app']);
  // The same build with the base served from the cache: the misses follow the changed COPY.
  const healthy = new ProgressParser();
  for (const line of log.map((l) => (l === '#5 DONE 0.6s' ? '#5 CACHED' : l.replace('#6 DONE 0.1s', '#6 CACHED').replace('#7 DONE 20.1s', '#7 CACHED')))) {
    healthy.push(line);
  }
  assert.deepEqual(engineMisses(healthy.steps), []);
});
