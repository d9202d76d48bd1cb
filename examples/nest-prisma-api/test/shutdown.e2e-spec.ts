import type { INestApplication } from '@nestjs/common';
import http from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DATABASE_APPLICATION_NAME } from '../src/database/prisma.service.js';
import { createApp, emptyAccounts } from './support/app.js';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** POST /accounts over a keep-alive connection, as a browser or a proxy would send it. */
function postAccount(
  port: number,
  agent: http.Agent,
  email: string,
): Promise<Answer> {
  const body = JSON.stringify({
    email,
    name: 'Drain',
    password: 'correct horse battery staple',
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/accounts',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            body: text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Resolves with the error code of a fresh TCP connection to the port, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code ?? 'error'),
    );
  });
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('graceful shutdown', () => {
  let app: INestApplication;
  let locker: pg.Client;

  beforeEach(async () => {
    locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
  });

  afterEach(async () => {
    await locker.end();
  });

  it('finishes the request in flight, refuses new connections, then closes the pool', async () => {
    app = await createApp();
    await emptyAccounts(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const agent = new http.Agent({ keepAlive: true });

    // Hold the table, so that the insert of the request below waits inside the app for as long
    // as the test wants: a request that is certainly accepted and certainly still running.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
    const inFlight = postAccount(port, agent, 'inflight@example.com');
    await until('the insert to wait on the lock', async () => {
      const { rows } = await locker.query(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
        [DATABASE_APPLICATION_NAME],
      );
      return rows.length > 0 ? true : undefined;
    });

    // Start the shutdown that SIGTERM starts, and wait until the listener is gone.
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    expect(
      await until('the listener to close', async () => {
        const result = await tryConnect(port);
        return result === 'connected' ? undefined : result;
      }),
    ).toBe('ECONNREFUSED');
    expect(closed).toBe(false);

    // Release the table: the accepted request completes, and asks its client to reconnect.
    await locker.query('COMMIT');
    const answer = await inFlight;
    expect(answer.status).toBe(201);
    expect(answer.connection).toBe('close');
    await closing;

    // The row is there, and the app holds no database session any more.
    const { rows: stored } = await locker.query('SELECT email FROM accounts');
    expect(stored).toEqual([{ email: 'inflight@example.com' }]);
    const { rows: sessions } = await locker.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
      [DATABASE_APPLICATION_NAME],
    );
    expect(sessions[0].n).toBe(0);
    agent.destroy();
  });
});
