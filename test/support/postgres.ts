// Test helpers for the real PostgreSQL 15 that `bash scripts/up.sh` brings up on
// 127.0.0.1:54329 (user postgres, password postgres). NESTSHIP_PG_URL points the tests at
// another server. The server is reached with its own client, psql, so the tests need no
// database driver of their own.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const DEFAULT_PG_URL = 'postgresql://postgres:postgres@127.0.0.1:54329/postgres';

/** The admin URL the tests use. */
export function adminUrl(): string {
  return process.env.NESTSHIP_PG_URL ?? DEFAULT_PG_URL;
}

/**
 * Runs SQL through psql against a URL and resolves with its unaligned output.
 * ON_ERROR_STOP makes any failed statement a non-zero exit, and -X ignores a user's ~/.psqlrc.
 */
export async function psql(url: string, sql: string): Promise<string> {
  const { stdout } = await exec('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], {
    env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
  });
  return stdout.trim();
}

type PostgresStatus = { ok: true } | { ok: false; reason: string };
let status: Promise<PostgresStatus> | undefined;

async function probe(url: string): Promise<PostgresStatus> {
  try {
    await psql(url, 'select 1');
    return { ok: true };
  } catch (error) {
    const err = error as { code?: string; stderr?: string };
    const detail = err.code === 'ENOENT' ? 'psql is not installed' : String(err.stderr ?? error).trim().split('\n')[0];
    return { ok: false, reason: `PostgreSQL at ${url} does not answer (${detail}); run \`bash scripts/up.sh\`` };
  }
}

/**
 * The admin URL, or undefined after `t.skip()` when the server does not answer.
 * Under CI a missing server is a failure, never a skip.
 */
export async function requirePostgres(t: TestContext): Promise<string | undefined> {
  const url = adminUrl();
  status ??= probe(url);
  const s = await status;
  if (s.ok) return url;
  if (process.env.CI) throw new Error(`CI needs PostgreSQL: ${s.reason}`);
  t.skip(s.reason);
  return undefined;
}

/**
 * Creates a uniquely named, empty database, drops it (closing its connections) when the test
 * ends, and resolves with its URL. When PostgreSQL is missing outside CI, the test is skipped
 * and this throws to stop it; the runner reports a skipped test that throws as skipped.
 */
export async function freshDatabase(t: TestContext): Promise<string> {
  const admin = await requirePostgres(t);
  if (admin === undefined) throw new Error('skipped: PostgreSQL is not available');
  // Lower case letters and digits only: the name needs no quoting and stays under 63 bytes.
  const name = `nestship_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await psql(admin, `CREATE DATABASE ${name}`);
  t.after(async () => {
    await psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
