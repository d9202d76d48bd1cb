// Node is PID 1 in the container, and PID 1 does not die of a signal it has no handler for. The
// example installs its own SIGTERM handler before it loads anything, so a `docker stop` that
// arrives while the app is still starting ends it at once instead of after the 10 s grace period.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { EXAMPLE_DIR, prepareExample } from './example.js';

test('a SIGTERM while the example waits for its database at start ends it at once', async (t) => {
  await prepareExample();
  // A "database" that accepts the connection and never answers: the app waits in its start-up
  // check, with every module loaded but before Nest has its own signal handling.
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });

  const app = spawn(process.execPath, ['dist/main.js'], {
    cwd: EXAMPLE_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: `postgresql://app:secret@127.0.0.1:${port}/app`,
      DATABASE_CONNECT_TIMEOUT_MS: '60000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  app.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  t.after(() => app.kill('SIGKILL'));

  // The connection arriving proves the app is past loading and inside its database check.
  await once(server, 'connection');
  const exited = once(app, 'exit');
  app.kill('SIGTERM');
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];

  assert.equal(signal, null, 'the app exits by itself rather than dying of the signal');
  assert.equal(code, 1);
  assert.equal(stderr.trim(), 'nest-prisma-api: SIGTERM before the service was up; exiting');
});
