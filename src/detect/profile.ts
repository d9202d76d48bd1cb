/**
 * The Profile is everything nestship knows about a project. Each fact records the file it came from,
 * so `init` can print where every decision was made and `check` can point at the right file.
 */

/** A detected value and where it came from: a path relative to the project root, or `default`. */
export interface Fact<T> {
  value: T;
  source: string;
  /** Optional detail for the printout, for example `packageManager field`. */
  detail?: string;
}

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn-classic' | 'yarn-berry' | 'bun';

export interface PackageManagerFacts {
  name: Fact<PackageManagerName>;
  /** Exact version from `packageManager`, when pinned there. */
  version: Fact<string> | undefined;
  /** The lockfile path, for example `package-lock.json`. */
  lockfile: Fact<string>;
  /**
   * Major version of the package manager when it is certain: from `packageManager`, or implied by the
   * lockfile format (yarn classic 1, berry `__metadata` 8 -> 4). Absent otherwise.
   */
  major?: Fact<number>;
}

export type ModuleSystem = 'cjs' | 'esm';
export type NestBuilder = 'tsc' | 'swc' | 'webpack';

export interface NestFacts {
  /** Monorepo mode (`nest-cli.json` with `monorepo: true` and `projects`). */
  monorepo: Fact<boolean>;
  /** The project nestship builds; in monorepo mode the default or `--project`. */
  project: Fact<string>;
  /** Every application project in a monorepo (empty in standard mode). */
  projects: string[];
  sourceRoot: Fact<string>;
  entryFile: Fact<string>;
  builder: Fact<NestBuilder>;
  /** The tsconfig the build uses, for example `tsconfig.build.json`. */
  tsConfig: Fact<string>;
  outDir: Fact<string>;
  /** The compiled entry, relative to the project root, for example `dist/main.js`. */
  entryPath: Fact<string>;
  /** The entry source file, relative to the project root, for example `src/main.ts`. */
  entrySource?: Fact<string>;
  moduleSystem: Fact<ModuleSystem>;
  /** The npm script that builds, usually `build`. */
  buildScript: Fact<string>;
}

export type PrismaGenerator = 'prisma-client-js' | 'prisma-client';
export type DatabaseProvider =
  'postgresql' | 'mysql' | 'sqlite' | 'sqlserver' | 'mongodb' | 'cockroachdb';

export interface PrismaFacts {
  /** Major version of the `prisma` package (5, 6, 7). */
  major: Fact<number>;
  /** Exact version string from the lockfile, when known. */
  version: Fact<string> | undefined;
  /** Schema file or folder, for example `prisma/schema.prisma` or `prisma/schema`. */
  schema: Fact<string>;
  /** `prisma.config.ts` (or .js/.mjs), when present. */
  config: Fact<string> | undefined;
  generator: Fact<PrismaGenerator>;
  /** Generator `output`, resolved relative to the project root, when set. */
  output: Fact<string> | undefined;
  provider: Fact<DatabaseProvider>;
  binaryTargets: Fact<string[]>;
  /** Driver adapter packages in dependencies, for example `@prisma/adapter-pg`. */
  adapters: Fact<string[]>;
  /** The migrations folder, when it exists. */
  migrations: Fact<string> | undefined;
  /** Whether `prisma` is a devDependency (true) or a dependency (false). */
  cliIsDev: Fact<boolean>;
}

export interface NativeFacts {
  /** Dependencies that compile or ship native code. */
  packages: Fact<string[]>;
}

export type BaseFamily = 'alpine' | 'slim';

export interface BaseFacts {
  family: Fact<BaseFamily>;
  /** The full image reference for FROM, for example `node:22-slim`. */
  image: Fact<string>;
}

export interface HttpFacts {
  adapter: Fact<'express' | 'fastify'>;
  /** The host passed to `app.listen`, when the source names one. */
  listenHost: Fact<string> | undefined;
}

export interface Profile {
  /** Absolute project root. */
  root: string;
  /** `name` from package.json. */
  name: Fact<string>;
  packageManager: PackageManagerFacts;
  /** Node major version, for example 22. */
  node: Fact<number>;
  nest: NestFacts;
  /** Absent when the project does not use Prisma. */
  prisma: PrismaFacts | undefined;
  native: NativeFacts;
  base: BaseFacts;
  http: HttpFacts;
  /** The health route, for example `/health`, when one exists. */
  health: Fact<string> | undefined;
  /** Whether `enableShutdownHooks()` is called. */
  shutdownHooks: Fact<boolean>;
  /** The `.npmrc` that carries registry auth, when there is one. */
  registryAuth: Fact<string> | undefined;
  /** The port the service listens on, default 3000. */
  port: Fact<number>;
}
