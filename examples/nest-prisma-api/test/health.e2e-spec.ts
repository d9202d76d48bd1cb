import type { INestApplication } from '@nestjs/common';
import { createServer } from 'node:net';
import request from 'supertest';
import { createApp } from './support/app.js';

// A loopback port with nothing listening: connections to it are refused at once.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the health routes', () => {
  describe('with the database up', () => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await createApp();
      await app.init();
    });

    afterAll(async () => {
      await app.close();
    });

    it('reports the process live', async () => {
      await request(app.getHttpServer())
        .get('/health/live')
        .expect(200, { status: 'ok' });
    });

    it('reports ready after a query on the database', async () => {
      await request(app.getHttpServer())
        .get('/health/ready')
        .expect(200, { status: 'ok', database: 'up' });
    });
  });

  describe('with the database unreachable', () => {
    let app: INestApplication;

    beforeAll(async () => {
      const url = new URL(process.env.DATABASE_URL as string);
      url.hostname = '127.0.0.1';
      url.port = String(await closedPort());
      app = await createApp({
        databaseUrl: url.toString(),
        databaseConnectTimeoutMs: 1000,
      });
      await app.init();
    });

    afterAll(async () => {
      await app.close();
    });

    it('still reports the process live, so that it is not restarted for an outage', async () => {
      await request(app.getHttpServer()).get('/health/live').expect(200);
    });

    it('reports not ready with 503', async () => {
      const res = await request(app.getHttpServer())
        .get('/health/ready')
        .expect(503);
      expect(res.body.message).toBe('database unavailable');
    });
  });
});
