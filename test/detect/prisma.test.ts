import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLockfile } from '../../src/detect/lockfile.js';
import { readManifest } from '../../src/detect/manifest.js';
import { detectPrisma, parseSchemaBlocks } from '../../src/detect/prisma.js';
import { assertNestshipError, fixture, manifestWith, projectTree } from './project-tree.js';

async function detect(root: string, lockfile = 'package-lock.json') {
  return detectPrisma(root, await readManifest(root), await readLockfile(root, lockfile));
}

const PRISMA6_MANIFEST = manifestWith({
  dependencies: { '@nestjs/core': '^11.1.6', '@prisma/client': '^6.19.0' },
  devDependencies: { prisma: '^6.19.0' },
});

const SCHEMA = `generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}
`;

test('a project without prisma or @prisma/client has no Prisma facts', async () => {
  assert.equal(await detect(fixture('npm-basic')), undefined);
});

test('Prisma 7 with prisma.config.ts, the prisma-client generator and a driver adapter', async () => {
  const prisma = await detect(fixture('npm-prisma7'));
  assert.ok(prisma);
  assert.deepEqual(prisma.major, {
    value: 7,
    source: 'package-lock.json',
    detail: 'prisma 7.10.1',
  });
  assert.deepEqual(prisma.version, {
    value: '7.10.1',
    source: 'package-lock.json',
    detail: 'prisma',
  });
  assert.deepEqual(prisma.config, { value: 'prisma.config.ts', source: 'prisma.config.ts' });
  assert.deepEqual(prisma.schema, {
    value: 'prisma/schema.prisma',
    source: 'prisma.config.ts',
    detail: 'schema option',
  });
  assert.deepEqual(prisma.generator, {
    value: 'prisma-client',
    source: 'prisma/schema.prisma',
    detail: 'generator client',
  });
  assert.deepEqual(prisma.output, {
    value: 'src/generated/prisma',
    source: 'prisma/schema.prisma',
    detail: 'output "../src/generated/prisma"',
  });
  assert.deepEqual(prisma.provider, {
    value: 'postgresql',
    source: 'prisma/schema.prisma',
    detail: 'datasource db',
  });
  assert.deepEqual(prisma.adapters, { value: ['@prisma/adapter-pg'], source: 'package.json' });
  assert.deepEqual(prisma.migrations, {
    value: 'prisma/migrations',
    source: 'prisma.config.ts',
    detail: 'migrations.path',
  });
  assert.deepEqual(prisma.binaryTargets.value, []);
  assert.deepEqual(prisma.cliIsDev, {
    value: true,
    source: 'package.json',
    detail: 'devDependencies',
  });
});

test('Prisma 6 with prisma-client-js, binaryTargets and migrations next to the schema', async () => {
  const prisma = await detect(fixture('npm-prisma6'));
  assert.ok(prisma);
  assert.equal(prisma.major.value, 6);
  assert.equal(prisma.config, undefined);
  assert.deepEqual(prisma.schema, {
    value: 'prisma/schema.prisma',
    source: 'default',
    detail: "Prisma's default location",
  });
  assert.equal(prisma.generator.value, 'prisma-client-js');
  assert.equal(prisma.output, undefined);
  assert.deepEqual(prisma.binaryTargets, {
    value: ['native', 'debian-openssl-3.0.x'],
    source: 'prisma/schema.prisma',
  });
  assert.deepEqual(prisma.migrations, {
    value: 'prisma/migrations',
    source: 'prisma/schema.prisma',
    detail: 'next to the schema',
  });
});

test('a schema folder from prisma.config.ts resolves the output from the file holding the generator', async () => {
  const prisma = await detect(fixture('pnpm-prisma7'), 'pnpm-lock.yaml');
  assert.ok(prisma);
  assert.deepEqual(prisma.schema, {
    value: 'prisma/schema',
    source: 'prisma.config.ts',
    detail: 'schema option',
  });
  assert.equal(prisma.generator.source, 'prisma/schema/schema.prisma');
  assert.equal(prisma.output?.value, 'src/generated/prisma');
  assert.deepEqual(prisma.major, { value: 7, source: 'pnpm-lock.yaml', detail: 'prisma 7.10.1' });
});

test("yarn berry's lockfile gives the exact Prisma version, and MySQL is read from the datasource", async () => {
  const prisma = await detect(fixture('yarn-berry-prisma6'), 'yarn.lock');
  assert.ok(prisma);
  assert.deepEqual(prisma.version, { value: '6.19.3', source: 'yarn.lock', detail: 'prisma' });
  assert.equal(prisma.provider.value, 'mysql');
  assert.deepEqual(prisma.binaryTargets.value, ['native', 'linux-musl-openssl-3.0.x']);
});

test('Prisma 5 takes its schema from package.json "prisma.schema"', async () => {
  const prisma = await detect(fixture('npm-rootdir-inferred'));
  assert.ok(prisma);
  assert.equal(prisma.major.value, 5);
  assert.deepEqual(prisma.schema, {
    value: 'prisma/schema.prisma',
    source: 'package.json',
    detail: 'prisma.schema',
  });
});

test('without a lockfile entry the major comes from the declared range', async (t) => {
  const root = projectTree(t, { 'package.json': PRISMA6_MANIFEST, 'prisma/schema.prisma': SCHEMA });
  const prisma = await detect(root);
  assert.deepEqual(prisma?.major, { value: 6, source: 'package.json', detail: 'prisma ^6.19.0' });
  assert.equal(prisma?.version, undefined);
  assert.equal(prisma?.migrations, undefined);
});

test('the Prisma CLI in dependencies is reported as not a devDependency', async (t) => {
  const root = projectTree(t, {
    'package.json': manifestWith({
      dependencies: { '@nestjs/core': '^11.1.6', prisma: '^6.19.0' },
    }),
    'prisma/schema.prisma': SCHEMA,
  });
  assert.deepEqual((await detect(root))?.cliIsDev, {
    value: false,
    source: 'package.json',
    detail: 'dependencies',
  });
});

test('a config written with path.join and a custom output next to a nested schema', async (t) => {
  const root = projectTree(t, {
    'package.json': PRISMA6_MANIFEST,
    'prisma.config.ts':
      "import path from 'node:path';\nexport default { schema: path.join('db', 'main.prisma') };\n",
    'db/main.prisma': SCHEMA.replace(
      '"prisma-client-js"',
      '"prisma-client-js"\n  output   = "./client"',
    ),
    'db/migrations/0001_init/migration.sql': 'CREATE TABLE t (id int);\n',
  });
  const prisma = await detect(root);
  assert.equal(prisma?.schema.value, 'db/main.prisma');
  assert.equal(prisma?.output?.value, 'db/client');
  assert.equal(prisma?.migrations?.value, 'db/migrations');
});

test('a missing schema is reported on package.json with where to set it', async (t) => {
  const root = projectTree(t, { 'package.json': PRISMA6_MANIFEST });
  await assertNestshipError(() => detect(root), {
    file: 'package.json',
    message: /no schema was found/,
    hint: /prisma\.config\.ts/,
  });
});

test('a schema path in prisma.config.ts that does not exist is reported on the config', async (t) => {
  const root = projectTree(t, {
    'package.json': PRISMA6_MANIFEST,
    'prisma.config.ts': "export default { schema: 'db/schema.prisma' };\n",
  });
  await assertNestshipError(() => detect(root), {
    file: 'prisma.config.ts',
    message: /db\/schema\.prisma does not exist/,
  });
});

test('a schema without a client generator is reported on the schema', async (t) => {
  const root = projectTree(t, {
    'package.json': PRISMA6_MANIFEST,
    'prisma/schema.prisma': SCHEMA.replace('prisma-client-js', 'prisma-dbml-generator'),
  });
  await assertNestshipError(() => detect(root), {
    file: 'prisma/schema.prisma',
    message: /no prisma-client-js or prisma-client generator/,
  });
});

test('an unsupported datasource provider is reported on the schema', async (t) => {
  const root = projectTree(t, {
    'package.json': PRISMA6_MANIFEST,
    'prisma/schema.prisma': SCHEMA.replace('postgresql', 'oracle'),
  });
  await assertNestshipError(() => detect(root), {
    file: 'prisma/schema.prisma',
    message: /unsupported datasource provider "oracle"/,
  });
});

test('the schema parser reads multi-line arrays, ignores comments and keeps // inside strings', () => {
  const text = `// generator commented { provider = "nope" }
generator client {
  provider        = "prisma-client-js" // the classic client
  previewFeatures = ["driverAdapters"]
  binaryTargets   = [
    "native",
    // "linux-musl",
    "debian-openssl-3.0.x"
  ]
}

generator docs {
  provider = "prisma-docs-generator"
}

datasource db {
  provider = "postgres"
  url      = "postgresql://user:pass@localhost:5432/app?schema=public"
  directUrl = env("DIRECT_URL")
}

model Post {
  id    Int    @id @default(autoincrement())
  title String @default("{ not a block }")
}
`;
  const blocks = parseSchemaBlocks(text, 'prisma/schema.prisma');
  assert.deepEqual(
    blocks.map((block) => `${block.kind} ${block.name}`),
    ['generator client', 'generator docs', 'datasource db'],
  );
  const [client, , db] = blocks;
  assert.deepEqual(client?.fields, {
    provider: 'prisma-client-js',
    previewFeatures: ['driverAdapters'],
    binaryTargets: ['native', 'debian-openssl-3.0.x'],
  });
  assert.equal(db?.fields['url'], 'postgresql://user:pass@localhost:5432/app?schema=public');
  assert.equal(db?.fields['directUrl'], 'env("DIRECT_URL")');
  assert.equal(db?.fields['provider'], 'postgres');
});

test('the "postgres" provider alias is read as postgresql', async (t) => {
  const root = projectTree(t, {
    'package.json': PRISMA6_MANIFEST,
    'prisma/schema.prisma': SCHEMA.replace('"postgresql"', '"postgres"'),
  });
  assert.equal((await detect(root))?.provider.value, 'postgresql');
});
