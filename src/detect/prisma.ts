/**
 * Prisma 5, 6 and 7 as the build needs them: the version (which decides the generator and the config
 * file), where the schema lives, which client generator writes where, the database, the engines'
 * binary targets, driver adapters and migrations. The schema is read with a small parser that only
 * understands `generator` and `datasource` blocks; models are skipped.
 */
import path from 'node:path';
import semver from 'semver';
import { NestshipError } from '../errors.js';
import {
  firstExisting,
  isDirectory,
  isFile,
  listFiles,
  readTextIfExists,
  recordAt,
  relativeTo,
  stringAt,
  toPosix,
} from './files.js';
import type { LockfileContents } from './lockfile.js';
import { allDeclared, declared, type Manifest } from './manifest.js';
import type { DatabaseProvider, Fact, PrismaFacts, PrismaGenerator } from './profile.js';

/** Where Prisma looks for its config file, in its order. */
const CONFIG_FILES = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].flatMap((extension) => [
  `prisma.config.${extension}`,
  `.config/prisma.${extension}`,
]);

const PROVIDERS: Record<string, DatabaseProvider> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  mysql: 'mysql',
  sqlite: 'sqlite',
  sqlserver: 'sqlserver',
  mongodb: 'mongodb',
  cockroachdb: 'cockroachdb',
};

export async function detectPrisma(
  root: string,
  manifest: Manifest,
  lockfile: LockfileContents,
): Promise<PrismaFacts | undefined> {
  const cli = declared(manifest, 'prisma');
  const client = declared(manifest, '@prisma/client');
  if (!cli && !client) return undefined;

  // Step 1: the version, exact from the lockfile when it says, else the floor of the declared range.
  const versionPackage = cli ? 'prisma' : '@prisma/client';
  const range = (cli ?? client)?.range ?? '';
  const exact = lockfile.versionOf(versionPackage, range);
  const version: Fact<string> | undefined = exact
    ? { value: exact, source: lockfile.file, detail: versionPackage }
    : undefined;
  const major = prismaMajor(exact, range, versionPackage, manifest.file, lockfile.file);

  // Step 2: the config file, then the schema it (or package.json, or the defaults) points at.
  const configFile = await firstExisting(root, CONFIG_FILES);
  const config: Fact<string> | undefined = configFile
    ? { value: configFile.file, source: configFile.file }
    : undefined;
  const schema = await locateSchema(root, manifest, configFile);
  const blocks = await readSchemaBlocks(root, schema.value);

  // Step 3: the client generator and the datasource.
  const generatorBlock = blocks.find(
    (block) => block.kind === 'generator' && isClientGenerator(block.fields['provider']),
  );
  if (!generatorBlock) {
    throw new NestshipError(
      'the Prisma schema has no prisma-client-js or prisma-client generator',
      {
        file: schema.value,
        hint: 'add a generator block, for example generator client { provider = "prisma-client-js" }',
      },
    );
  }
  const generator = generatorBlock.fields['provider'] as PrismaGenerator;
  const datasource = blocks.find((block) => block.kind === 'datasource');
  if (!datasource) {
    throw new NestshipError('the Prisma schema has no datasource block', {
      file: schema.value,
      hint: 'add datasource db { provider = "postgresql" }',
    });
  }
  const providerName = datasource.fields['provider'];
  const provider = typeof providerName === 'string' ? PROVIDERS[providerName] : undefined;
  if (!provider) {
    throw new NestshipError(
      `unsupported datasource provider ${JSON.stringify(providerName ?? null)}`,
      {
        file: datasource.file,
        hint: `use one of ${Object.keys(PROVIDERS).join(', ')}`,
      },
    );
  }

  // Step 4: the generator output is relative to the schema file that declares it, as Prisma resolves it.
  const outputField = generatorBlock.fields['output'];
  const output: Fact<string> | undefined =
    typeof outputField === 'string'
      ? {
          value: relativeTo(
            root,
            path.resolve(root, path.dirname(generatorBlock.file), outputField),
          ),
          source: generatorBlock.file,
          detail: `output "${outputField}"`,
        }
      : undefined;
  const targets = generatorBlock.fields['binaryTargets'];

  return {
    major,
    version,
    schema,
    config,
    generator: {
      value: generator,
      source: generatorBlock.file,
      detail: `generator ${generatorBlock.name}`,
    },
    output,
    provider: { value: provider, source: datasource.file, detail: `datasource ${datasource.name}` },
    binaryTargets: {
      value: Array.isArray(targets) ? targets : [],
      source: generatorBlock.file,
      ...(Array.isArray(targets) ? {} : { detail: 'not set (native only)' }),
    },
    adapters: adapters(manifest),
    migrations: await locateMigrations(root, configFile, datasource.file),
    cliIsDev: cliIsDev(manifest),
  };
}

function prismaMajor(
  exact: string | undefined,
  range: string,
  name: string,
  manifestFile: string,
  lockfileName: string,
): Fact<number> {
  if (exact && semver.valid(exact))
    return { value: semver.major(exact), source: lockfileName, detail: `${name} ${exact}` };
  const floor = semver.validRange(range) ? semver.minVersion(range) : null;
  if (floor) return { value: floor.major, source: manifestFile, detail: `${name} ${range}` };
  throw new NestshipError(`cannot tell the Prisma version from "${range}"`, {
    file: manifestFile,
    hint: `declare ${name} with a semver range such as ^6.19.0`,
  });
}

/** prisma.config `schema:` first, then package.json `prisma.schema`, then Prisma's default places. */
async function locateSchema(
  root: string,
  manifest: Manifest,
  configFile: { file: string; text: string } | undefined,
): Promise<Fact<string>> {
  const fromConfig = configFile ? configSchemaPath(configFile.text) : undefined;
  if (configFile && fromConfig) {
    const value = relativeTo(root, path.resolve(root, path.dirname(configFile.file), fromConfig));
    return assertSchema(root, { value, source: configFile.file, detail: 'schema option' });
  }
  const fromManifest = stringAt(recordAt(manifest.raw, 'prisma'), 'schema');
  if (fromManifest) {
    return assertSchema(root, {
      value: toPosix(path.normalize(fromManifest)),
      source: manifest.file,
      detail: 'prisma.schema',
    });
  }
  for (const candidate of ['prisma/schema.prisma', 'prisma/schema', 'schema.prisma']) {
    const absolute = path.join(root, candidate);
    if ((await isFile(absolute)) || (await isDirectory(absolute))) {
      return { value: candidate, source: 'default', detail: "Prisma's default location" };
    }
  }
  throw new NestshipError(
    'Prisma is a dependency but no schema was found at prisma/schema.prisma',
    {
      file: manifest.file,
      hint: 'set schema in prisma.config.ts or "prisma.schema" in package.json',
    },
  );
}

async function assertSchema(root: string, fact: Fact<string>): Promise<Fact<string>> {
  const absolute = path.join(root, fact.value);
  if ((await isFile(absolute)) || (await isDirectory(absolute))) return fact;
  throw new NestshipError(`the Prisma schema ${fact.value} does not exist`, {
    file: fact.source,
    hint: 'point the schema setting at your schema.prisma file or schema folder',
  });
}

/**
 * `schema: 'prisma/schema.prisma'` or `schema: path.join('prisma', 'schema')`. Anything computed beyond
 * string literals is not evaluated; Prisma's default locations are used then.
 */
function configSchemaPath(text: string): string | undefined {
  const literal = /\bschema\s*:\s*(['"`])([^'"`]+)\1/.exec(text)?.[2];
  if (literal) return literal;
  const joined = /\bschema\s*:\s*path\.(?:join|resolve)\(([^)]*)\)/.exec(text)?.[1];
  if (!joined) return undefined;
  const parts = [...joined.matchAll(/(['"`])([^'"`]+)\1/g)].map((match) => match[2] as string);
  return parts.length > 0 ? parts.join('/') : undefined;
}

function configMigrationsPath(text: string): string | undefined {
  return /\bmigrations\s*:\s*\{[^}]*?\bpath\s*:\s*(['"`])([^'"`]+)\1/s.exec(text)?.[2];
}

type FieldValue = string | string[] | undefined;

export interface SchemaBlock {
  kind: 'generator' | 'datasource';
  name: string;
  /** String fields unquoted, arrays of strings as arrays, anything else (env("X")) as its raw text. */
  fields: Record<string, FieldValue>;
  /** The schema file holding the block, project-relative. */
  file: string;
}

/** Reads the generator and datasource blocks of a schema file, or of every .prisma file in a folder. */
async function readSchemaBlocks(root: string, schema: string): Promise<SchemaBlock[]> {
  const absolute = path.join(root, schema);
  const files = (await isDirectory(absolute))
    ? (await listFiles(absolute))
        .filter((file) => file.endsWith('.prisma'))
        .map((file) => relativeTo(root, file))
    : [schema];
  const blocks: SchemaBlock[] = [];
  for (const file of files) {
    const text = (await readTextIfExists(root, file)) ?? '';
    blocks.push(...parseSchemaBlocks(text, file));
  }
  return blocks;
}

/** The hand parser: finds `generator NAME {` / `datasource NAME {` and reads `key = value` lines to `}`. */
export function parseSchemaBlocks(text: string, file: string): SchemaBlock[] {
  const source = stripComments(text);
  const blocks: SchemaBlock[] = [];
  const header = /^[ \t]*(generator|datasource)\s+(\w+)\s*\{/gm;
  for (const match of source.matchAll(header)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = closingBrace(source, start);
    const body = source.slice(start, end);
    blocks.push({
      kind: match[1] as SchemaBlock['kind'],
      name: match[2] as string,
      fields: parseFields(body),
      file,
    });
  }
  return blocks;
}

/** Drops `//` comments outside strings, keeping line structure. */
function stripComments(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const char = line[i];
        if (char === '\\' && inString) i++;
        else if (char === '"') inString = !inString;
        else if (!inString && char === '/' && line[i + 1] === '/') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

function closingBrace(source: string, from: number): number {
  let inString = false;
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (char === '\\' && inString) i++;
    else if (char === '"') inString = !inString;
    else if (!inString && char === '}') return i;
  }
  return source.length;
}

/** `key = value` pairs; arrays may span lines, so values are read up to their closing bracket. */
function parseFields(body: string): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  const field = /(\w+)\s*=\s*/g;
  let match: RegExpExecArray | null;
  while ((match = field.exec(body)) !== null) {
    const key = match[1] as string;
    let rest = body.slice(field.lastIndex);
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      const inner = rest.slice(1, close === -1 ? undefined : close);
      fields[key] = [...inner.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((item) => item[1] as string);
      field.lastIndex += close === -1 ? rest.length : close + 1;
      continue;
    }
    rest = rest.split('\n')[0] ?? '';
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    fields[key] = quoted ? quoted[1] : rest.trim();
    field.lastIndex += rest.length;
  }
  return fields;
}

function isClientGenerator(provider: FieldValue): boolean {
  return provider === 'prisma-client-js' || provider === 'prisma-client';
}

function adapters(manifest: Manifest): Fact<string[]> {
  const names = allDeclared(manifest).filter((name) => name.startsWith('@prisma/adapter-'));
  return { value: names, source: manifest.file, ...(names.length === 0 ? { detail: 'none' } : {}) };
}

/** prisma.config `migrations.path`, else `migrations` next to the schema file holding the datasource. */
async function locateMigrations(
  root: string,
  configFile: { file: string; text: string } | undefined,
  datasourceFile: string,
): Promise<Fact<string> | undefined> {
  const configured = configFile ? configMigrationsPath(configFile.text) : undefined;
  const candidate =
    configured && configFile
      ? {
          value: relativeTo(root, path.resolve(root, path.dirname(configFile.file), configured)),
          source: configFile.file,
          detail: 'migrations.path',
        }
      : {
          value: relativeTo(root, path.resolve(root, path.dirname(datasourceFile), 'migrations')),
          source: datasourceFile,
          detail: 'next to the schema',
        };
  return (await isDirectory(path.join(root, candidate.value))) ? candidate : undefined;
}

function cliIsDev(manifest: Manifest): Fact<boolean> {
  const cli = declared(manifest, 'prisma');
  if (!cli) return { value: true, source: manifest.file, detail: 'prisma CLI not declared' };
  return {
    value: cli.dev,
    source: manifest.file,
    detail: cli.dev ? 'devDependencies' : 'dependencies',
  };
}
