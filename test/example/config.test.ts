// The built example (node dist/main.js, as the image runs it) refuses bad configuration at start:
// one line on stderr that says what to fix, and a non-zero exit code.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { describe, test } from 'node:test';
import { freshDatabase } from '../support/postgres.js';
import { prepareExample, run, type Run } from './example.js';

/** Starts the built app with exactly these variables (plus PATH), and waits for it to end. */
async function start(env: Record<string, string>): Promise<Run> {
  await prepareExample();
  return run(process.execPath, ['dist/main.js'], {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
  });
}

function assertOneLineFailure(result: Run, pattern: RegExp): void {
  assert.notEqual(result.code, 0, 'the app should exit non-zero');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${result.stderr}`);
  assert.match(lines[0]!, /^nest-prisma-api: cannot start: /);
  assert.match(lines[0]!, pattern);
}

/** A loopback server: silent ones accept connections and never answer. */
async function listen(
  onConnection: (socket: Socket) => void = () => undefined,
): Promise<{ server: Server; port: number }> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

async function closedPort(): Promise<number> {
  const { server, port } = await listen();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const someUrl = 'postgresql://app:secret@127.0.0.1:5432/app';

describe('the example at start with bad configuration', () => {
  test('a missing DATABASE_URL ends it with one line naming the variable', async () => {
    const result = await start({});
    assertOneLineFailure(result, /DATABASE_URL is not set/);
    assert.equal(result.stdout, '', 'nothing should have started');
  });

  test('a DATABASE_URL that is not a PostgreSQL URL ends it with one line', async () => {
    assertOneLineFailure(
      await start({ DATABASE_URL: 'mysql://app@127.0.0.1/app' }),
      /scheme "mysql"/,
    );
  });

  for (const port of ['abc', '0', '70000', '3000x', '-1']) {
    test(`PORT=${port} ends it with one line naming PORT`, async () => {
      const result = await start({ DATABASE_URL: someUrl, PORT: port });
      assertOneLineFailure(
        result,
        new RegExp(`PORT is "${port}": expected a whole number from 1 to 65535`),
      );
    });
  }

  test('a database that refuses connections ends it with one line naming host and port', async () => {
    const port = await closedPort();
    const result = await start({ DATABASE_URL: `postgresql://app:secret@127.0.0.1:${port}/app` });
    assertOneLineFailure(
      result,
      new RegExp(`cannot reach the database at 127\\.0\\.0\\.1:${port}/app .*ECONNREFUSED`),
    );
    assert.doesNotMatch(result.stderr, /secret/, 'the password must not be printed');
  });

  test('a database that never answers ends it after the connect timeout with one line', async () => {
    const sockets: Socket[] = [];
    const { server, port } = await listen((socket) => sockets.push(socket));
    try {
      const result = await start({
        DATABASE_URL: `postgresql://app:secret@127.0.0.1:${port}/app`,
        DATABASE_CONNECT_TIMEOUT_MS: '300',
      });
      assertOneLineFailure(
        result,
        new RegExp(`cannot reach the database at 127\\.0\\.0\\.1:${port}/app \\(timeout 300 ms\\)`),
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });

  // Nest logs the listen error itself before main.ts sees it, so this one is two lines: Nest's and
  // the service's own, last.
  test('a port already in use ends it with a last line naming EADDRINUSE', async (t) => {
    const url = await freshDatabase(t);
    const { server, port } = await listen();
    try {
      const result = await start({ DATABASE_URL: url, PORT: String(port) });
      assert.notEqual(result.code, 0);
      const last = result.stderr.trimEnd().split('\n').at(-1) ?? '';
      assert.match(
        last,
        /^nest-prisma-api: cannot start: listen EADDRINUSE: address already in use 0\.0\.0\.0:\d+$/,
      );
    } finally {
      server.close();
    }
  });
});
