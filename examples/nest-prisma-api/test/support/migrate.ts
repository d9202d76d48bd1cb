// Global setup of the e2e suite: apply prisma/migrations/*/migration.sql, in order, to the
// database that DATABASE_URL names, with PostgreSQL's own client.
//
// Why not `prisma migrate deploy`: it needs Prisma's native schema engine, which is downloaded
// from Prisma's servers on first use. The SQL is the same; only the bookkeeping table
// `_prisma_migrations` is not written here.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const migrationsDir = join(
  import.meta.dirname,
  '..',
  '..',
  'prisma',
  'migrations',
);

export default async function applyMigrations(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'the e2e tests need DATABASE_URL: an empty PostgreSQL database they may write to',
    );
  }
  // A database that already has the tables is someone's data, or a previous run: refuse both.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('public.accounts') IS NOT NULL AS exists",
    );
    if (rows[0]?.exists) {
      throw new Error(
        `DATABASE_URL must name an empty database; it already has an accounts table`,
      );
    }
  } finally {
    await client.end();
  }
  const migrations = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const name of migrations) {
    // -1: one transaction per file; ON_ERROR_STOP: a failing statement fails the setup.
    execFileSync(
      'psql',
      [
        '--no-psqlrc',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-1',
        '-f',
        join(migrationsDir, name, 'migration.sql'),
        url,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
}
