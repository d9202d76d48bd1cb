// What an image starts, read from its config the way PID 1 will see it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImageInfo } from '../../src/verify/engine.js';
import { startCommand } from '../../src/verify/start-command.js';

function image(entrypoint: string[] | null, cmd: string[] | null): ImageInfo {
  return {
    id: 'sha256:0', size: 0, user: '', env: {}, entrypoint, cmd, workingDir: '/app',
    exposedPorts: [], labels: {}, diffIds: [],
  };
}

test('an exec-form node command through the official entrypoint script names its entry', () => {
  const start = startCommand(image(['docker-entrypoint.sh'], ['node', '--enable-source-maps', 'dist/main.js']));
  assert.deepEqual([start.runner, start.shellForm, start.entry], ['node', false, 'dist/main.js']);
});

test('a shell-form command is unwrapped to the program the shell starts', () => {
  const start = startCommand(image(null, ['/bin/sh', '-c', 'node dist/main.js']));
  assert.deepEqual([start.runner, start.shellForm, start.entry], ['node', true, 'dist/main.js']);
});

test('npm start and the Nest CLI are runners, not node', () => {
  assert.equal(startCommand(image(null, ['npm', 'start'])).runner, 'npm');
  assert.equal(startCommand(image(null, ['/bin/sh', '-c', 'exec nest start'])).runner, 'nest');
});

test('node flags that take a value are not mistaken for the entry', () => {
  const start = startCommand(image(['tini', '--'], ['node', '-r', 'dotenv/config', 'dist/src/main']));
  assert.equal(start.entry, 'dist/src/main');
});
