/**
 * Prisma facts the templates share: where the generated client must be at run time, what the
 * `migrate` image needs, and the placeholder database URL that lets Prisma 7 generate offline.
 */
import type { DatabaseProvider, PrismaFacts, Profile } from '../detect/profile.js';

/** A URL of the right scheme; `prisma generate` never connects, but Prisma 7's config reads one. */
const PLACEHOLDER_URLS: Record<DatabaseProvider, string> = {
  postgresql: 'postgresql://placeholder:placeholder@localhost:5432/placeholder',
  cockroachdb: 'postgresql://placeholder:placeholder@localhost:26257/placeholder',
  mysql: 'mysql://placeholder:placeholder@localhost:3306/placeholder',
  sqlserver: 'sqlserver://localhost:1433;database=placeholder',
  mongodb: 'mongodb://localhost:27017/placeholder',
  sqlite: 'file:./placeholder.db',
};

export function placeholderDatabaseUrl(prisma: PrismaFacts): string {
  return PLACEHOLDER_URLS[prisma.provider.value];
}

/** Prisma 7 and any project with `prisma.config.ts` read `DATABASE_URL` while loading the config. */
export function generateNeedsUrl(prisma: PrismaFacts): boolean {
  return prisma.major.value >= 7 || prisma.config !== undefined;
}

/**
 * The folder the runtime must receive from the builder so the client resolves. The `prisma-client`
 * generator writes TypeScript that is compiled into dist/ with the app, so nothing extra is needed
 * when its output is inside the compiled tree. `prisma-client-js` writes JavaScript into
 * node_modules/.prisma/client (or its `output`), which the production install does not contain.
 */
export function clientFolderToCopy(profile: Profile): string | undefined {
  const prisma = profile.prisma;
  if (!prisma) return undefined;
  if (prisma.generator.value === 'prisma-client') return undefined;
  const output = prisma.output?.value;
  if (output === undefined || output === 'node_modules/@prisma/client') return 'node_modules/.prisma';
  return output;
}

/** Prisma 5 and 6 load a native query engine that links OpenSSL; Prisma 7 compiles queries in wasm. */
export function runtimeNeedsOpenssl(prisma: PrismaFacts): boolean {
  return prisma.major.value < 7;
}

/** Whether Prisma needs a database server that compose can start. */
export function composeDatabase(prisma: PrismaFacts | undefined): 'postgresql' | 'mysql' | undefined {
  const provider = prisma?.provider.value;
  if (provider === 'postgresql') return 'postgresql';
  if (provider === 'mysql') return 'mysql';
  return undefined;
}

/** The URL the app and the migrate service use inside compose; development credentials only. */
export function composeDatabaseUrl(database: 'postgresql' | 'mysql'): string {
  return database === 'postgresql' ? 'postgresql://app:app@db:5432/app' : 'mysql://app:app@db:3306/app';
}
