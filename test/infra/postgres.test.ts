// Smoke tests of the PostgreSQL server the database tests stand on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshDatabase, psql, requirePostgres } from '../support/postgres.js';

test('the admin URL reaches PostgreSQL 15', async (t) => {
  const admin = await requirePostgres(t);
  if (!admin) return;
  const version = await psql(admin, 'show server_version_num');
  assert.equal(version.slice(0, 2), '15');
});

test('a fresh database is empty, usable through its URL, and dropped after the test', async (t) => {
  const admin = await requirePostgres(t);
  if (!admin) return;
  let name = '';
  await t.test('inside the test the database exists and takes writes', async (st) => {
    const url = await freshDatabase(st);
    name = new URL(url).pathname.slice(1);
    assert.equal(await psql(url, 'select current_database()'), name);
    assert.equal(await psql(url, "select count(*) from pg_tables where schemaname = 'public'"), '0');
    await psql(url, 'create table note (id int primary key, body text)');
    await psql(url, "insert into note values (1, 'hello')");
    assert.equal(await psql(url, 'select body from note where id = 1'), 'hello');
  });
  assert.match(name, /^nestship_test_\d+_[0-9a-f]{8}$/);
  assert.equal(await psql(admin, `select count(*) from pg_database where datname = '${name}'`), '0');
});

test('two fresh databases in one run have different names', async (t) => {
  if (!(await requirePostgres(t))) return;
  const first = await freshDatabase(t);
  const second = await freshDatabase(t);
  assert.notEqual(first, second);
});
