/**
 * What verify must know about the project to judge its image: the dev dependencies (from
 * package.json and the lockfile's dev flags), the Prisma generator and output, the health route,
 * the port, and the Dockerfile's outline. Facts from a detected Profile win when one is given;
 * otherwise verify reads the few files itself, so it also works on projects detect cannot place.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Profile } from '../detect/profile.js';
import { NestshipError } from '../errors.js';
import { outlineDockerfile, type DockerfileOutline } from './dockerfile.js';

export interface PrismaSetup {
  /** The schema file, relative to the root. */
  schema: string;
  generator: 'prisma-client-js' | 'prisma-client';
  /** Generator output relative to the root, when set. */
  output?: string;
}

export interface VerifyProject {
  root: string;
  /** Absent with `--image` when the project has no Dockerfile. */
  dockerfile?: { path: string; file: string; outline: DockerfileOutline };
  name: string;
  dependencies: Set<string>;
  devDependencies: Set<string>;
  /** The lockfile, relative to the root. */
  lockfile?: string;
  /** Packages the npm lockfile marks dev-only (`dev: true`), by install path under node_modules. */
  lockDevOnly: Set<string>;
  prisma?: PrismaSetup;
  /** The health route (`/health`), when known. */
  health?: string;
  port: number;
  /** Where the sources live (`src`), relative to the root. */
  sourceRoot: string;
  /** A source file to change in the cache experiment (`src/main.ts`), relative to the root. */
  sourceFile?: string;
}

export interface ProjectOptions {
  dockerfile?: string;
  profile?: Profile;
  /** Whether a missing Dockerfile is fine (verifying a given `--image`). */
  imageGiven: boolean;
}

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];

export async function readProject(rootDir: string, options: ProjectOptions): Promise<VerifyProject> {
  const root = resolve(rootDir);
  const profile = options.profile;

  // Step 1: package.json names the dependencies; without it this is not a Node project.
  const pkgText = await readFile(join(root, 'package.json'), 'utf8').catch(() => undefined);
  if (pkgText === undefined) {
    throw new NestshipError('no package.json here', { file: 'package.json', hint: 'run verify in a Node project' });
  }
  let pkg: {
    name?: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    prisma?: { schema?: string };
  };
  try {
    pkg = JSON.parse(pkgText) as typeof pkg;
  } catch (error) {
    throw new NestshipError('package.json is not valid JSON', { file: 'package.json', cause: error });
  }

  // Step 2: the lockfile's dev flags say which installed packages only a build needs.
  const lockfile = profile?.packageManager.lockfile.value ?? (await firstExisting(root, LOCKFILES));
  const lockDevOnly = lockfile ? await npmDevOnly(join(root, lockfile)) : new Set<string>();

  // Step 3: the Dockerfile, unless an image is given and there is none.
  const dockerfilePath = resolve(root, options.dockerfile ?? 'Dockerfile');
  const dockerText = await readFile(dockerfilePath, 'utf8').catch(() => undefined);
  if (dockerText === undefined && !options.imageGiven) {
    throw new NestshipError(`no Dockerfile at ${relative(root, dockerfilePath)}`, {
      file: relative(root, dockerfilePath),
      hint: 'run `nestship init` to write one, or pass --file',
    });
  }

  const sourceRoot = profile?.nest.sourceRoot.value ?? 'src';
  return {
    root,
    ...(dockerText === undefined
      ? {}
      : {
          dockerfile: {
            path: dockerfilePath,
            file: relative(root, dockerfilePath).split('\\').join('/'),
            outline: outlineDockerfile(dockerText),
          },
        }),
    name: pkg.name ?? 'app',
    dependencies: new Set(Object.keys(pkg.dependencies ?? {})),
    devDependencies: new Set(Object.keys(pkg.devDependencies ?? {})),
    ...(lockfile ? { lockfile } : {}),
    lockDevOnly,
    ...(await prismaSetup(root, pkg.prisma?.schema, profile)),
    ...(profile?.health ? { health: profile.health.value } : {}),
    port: profile?.port.value ?? 3000,
    sourceRoot,
    ...(await sourceFile(root, sourceRoot, profile)),
  };
}

async function firstExisting(root: string, names: string[]): Promise<string | undefined> {
  for (const name of names) {
    if (await stat(join(root, name)).then(() => true, () => false)) return name;
  }
  return undefined;
}

/** `node_modules/...` install paths that package-lock.json marks `dev: true` (not devOptional). */
async function npmDevOnly(lockPath: string): Promise<Set<string>> {
  const out = new Set<string>();
  if (!/package-lock\.json$|npm-shrinkwrap\.json$/.test(lockPath)) return out;
  try {
    const lock = JSON.parse(await readFile(lockPath, 'utf8')) as {
      packages?: Record<string, { dev?: boolean }>;
    };
    for (const [path, entry] of Object.entries(lock.packages ?? {})) {
      if (entry.dev === true && path.startsWith('node_modules/')) out.add(path);
    }
  } catch {
    // An unreadable lockfile leaves only package.json's devDependencies to compare with.
  }
  return out;
}

/** The Prisma generator and output, from the Profile or the schema file. */
async function prismaSetup(
  root: string,
  schemaSetting: string | undefined,
  profile: Profile | undefined,
): Promise<{ prisma?: PrismaSetup }> {
  // Detection places Prisma by its packages; a schema without them (a client that was never
  // installed) is still a project that needs its client, so the schema is read then.
  const p = profile?.prisma;
  if (p) {
    return {
      prisma: {
        schema: p.schema.value,
        generator: p.generator.value,
        ...(p.output ? { output: p.output.value } : {}),
      },
    };
  }
  const candidates = [schemaSetting, 'prisma/schema.prisma', 'schema.prisma', 'prisma/schema'].filter(
    (c): c is string => Boolean(c),
  );
  for (const candidate of candidates) {
    const path = join(root, candidate);
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    const files = info.isDirectory()
      ? (await readdir(path)).filter((f) => f.endsWith('.prisma')).map((f) => join(path, f))
      : [path];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      const block = /generator\s+\w+\s*\{([^}]*)\}/m.exec(text)?.[1];
      if (!block) continue;
      const provider = /provider\s*=\s*"([^"]+)"/.exec(block)?.[1];
      const output = /output\s*=\s*"([^"]+)"/.exec(block)?.[1];
      return {
        prisma: {
          schema: relative(root, file),
          generator: provider === 'prisma-client' ? 'prisma-client' : 'prisma-client-js',
          ...(output ? { output: relative(root, resolve(dirname(file), output)) } : {}),
        },
      };
    }
  }
  return {};
}

/** The entry source (`src/main.ts`), else the first TypeScript file under the source root. */
async function sourceFile(
  root: string,
  sourceRoot: string,
  profile: Profile | undefined,
): Promise<{ sourceFile?: string }> {
  const entry = join(sourceRoot, `${profile?.nest.entryFile.value ?? 'main'}.ts`);
  if (await stat(join(root, entry)).then(() => true, () => false)) return { sourceFile: entry };
  const files = await readdir(join(root, sourceRoot), { recursive: true }).catch(() => [] as string[]);
  const ts = files.map(String).find((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  return ts ? { sourceFile: join(sourceRoot, ts) } : {};
}
