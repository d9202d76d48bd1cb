// The bundled example as the verify tests use it: its folder, the build argument that lets
// `prisma generate` run offline here, and its migrations applied with psql, because
// `prisma migrate deploy` needs Prisma's download servers (see engine.md).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { psql } from '../support/postgres.js';

export const EXAMPLE = fileURLToPath(new URL('../../examples/nest-prisma-api/', import.meta.url));

/** Prisma 7 generate works offline when the schema-engine path names any existing file. */
export const EXAMPLE_BUILD_ARGS = { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false' };

/** Applies the example's committed migration SQL, oldest first. */
export async function applyExampleMigrations(url: string): Promise<void> {
  const dir = join(EXAMPLE, 'prisma', 'migrations');
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const name of names) await psql(url, await readFile(join(dir, name, 'migration.sql'), 'utf8'));
}
