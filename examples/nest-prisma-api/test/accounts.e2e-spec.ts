import type { INestApplication } from '@nestjs/common';
import argon2 from 'argon2';
import request from 'supertest';
import { PrismaService } from '../src/database/prisma.service.js';
import { createApp, emptyAccounts } from './support/app.js';

const password = 'correct horse battery staple';

describe('the accounts API', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await createApp();
    await app.init();
    http = request(app.getHttpServer());
  });

  beforeEach(async () => {
    await emptyAccounts(app);
  });

  afterAll(async () => {
    await app.close();
  });

  async function create(email: string, name = 'Ada') {
    return http.post('/accounts').send({ email, name, password }).expect(201);
  }

  it('creates an account and never shows the password or its hash', async () => {
    const res = await create('Ada@Example.com', '  Ada Lovelace ');
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain(password);
  });

  it('stores an argon2id hash that verifies the password', async () => {
    const res = await create('grace@example.com');
    const row = await app
      .get(PrismaService)
      .account.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(await argon2.verify(row.passwordHash, password)).toBe(true);
    expect(await argon2.verify(row.passwordHash, 'another password')).toBe(
      false,
    );
  });

  it.each([
    ['a malformed email', { email: 'not-an-email', name: 'X', password }],
    [
      'a short password',
      { email: 'x@example.com', name: 'X', password: 'short' },
    ],
    ['an empty name', { email: 'x@example.com', name: '   ', password }],
    ['a missing field', { email: 'x@example.com', password }],
    [
      'an unknown field',
      { email: 'x@example.com', name: 'X', password, admin: true },
    ],
    [
      'a number for the password',
      { email: 'x@example.com', name: 'X', password: 1234567890123 },
    ],
  ])('answers 400 to %s and stores nothing', async (_, body) => {
    const res = await http.post('/accounts').send(body).expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(await app.get(PrismaService).account.count()).toBe(0);
  });

  it('answers 400 to a body that is not JSON', async () => {
    await http
      .post('/accounts')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
  });

  it('answers 409 to a second account with the same email, whatever its case', async () => {
    await create('linus@example.com');
    const res = await http
      .post('/accounts')
      .send({ email: 'LINUS@example.com', name: 'Other', password })
      .expect(409);
    expect(res.body.message).toContain('linus@example.com');
  });

  it('lets exactly one of two concurrent creates with the same email win', async () => {
    const body = { email: 'race@example.com', name: 'Racer', password };
    const statuses = await Promise.all([
      http.post('/accounts').send(body),
      http.post('/accounts').send(body),
    ]).then((all) => all.map((r) => r.status).sort((a, b) => a - b));
    expect(statuses).toEqual([201, 409]);
  });

  it('gets an account by id', async () => {
    const created = await create('barbara@example.com');
    const res = await http.get(`/accounts/${created.body.id}`).expect(200);
    expect(res.body).toEqual(created.body);
  });

  it('answers 404 to an id that does not exist and 400 to one that is not a uuid', async () => {
    await http
      .get('/accounts/7f1c1f0e-8a4e-4d55-9a57-6d2b8c4f0a11')
      .expect(404);
    await http.get('/accounts/42').expect(400);
  });

  it('lists accounts newest first, a page at a time, with the total', async () => {
    const emails = ['a', 'b', 'c', 'd', 'e'].map((n) => `${n}@example.com`);
    for (const email of emails) await create(email);
    const newestFirst = [...emails].reverse();

    const first = await http.get('/accounts?limit=2').expect(200);
    expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.body.items.map((a: { email: string }) => a.email)).toEqual(
      newestFirst.slice(0, 2),
    );

    const second = await http.get('/accounts?limit=2&offset=2').expect(200);
    expect(second.body.items.map((a: { email: string }) => a.email)).toEqual(
      newestFirst.slice(2, 4),
    );

    const last = await http.get('/accounts?limit=2&offset=4').expect(200);
    expect(last.body.items.map((a: { email: string }) => a.email)).toEqual(
      newestFirst.slice(4),
    );

    const past = await http.get('/accounts?offset=10').expect(200);
    expect(past.body).toMatchObject({
      items: [],
      total: 5,
      limit: 20,
      offset: 10,
    });
  });

  it.each([
    'limit=0',
    'limit=101',
    'limit=abc',
    'limit=1.5',
    'offset=-1',
    'offset=x',
    'sort=email',
  ])('answers 400 to the paging query %s', async (query) => {
    await http.get(`/accounts?${query}`).expect(400);
  });

  it('deletes an account, after which it is gone', async () => {
    const created = await create('ken@example.com');
    await http.delete(`/accounts/${created.body.id}`).expect(204);
    await http.get(`/accounts/${created.body.id}`).expect(404);
    await http.delete(`/accounts/${created.body.id}`).expect(404);
  });

  it('frees the email of a deleted account for a new one', async () => {
    const created = await create('dennis@example.com');
    await http.delete(`/accounts/${created.body.id}`).expect(204);
    await create('dennis@example.com');
  });
});
