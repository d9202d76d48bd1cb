/**
 * Hand-built Profiles for unit tests of the templates: each fact names a made-up source so a test
 * reads like the project it stands for.
 */
import type { Fact, PrismaFacts, Profile } from '../../src/detect/profile.js';

function fact<T>(value: T, source = 'package.json'): Fact<T> {
  return { value, source };
}

export function nestProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    root: '/tmp/app',
    name: fact('app'),
    packageManager: {
      name: fact('npm', 'package-lock.json'),
      version: undefined,
      lockfile: fact('package-lock.json', 'package-lock.json'),
    },
    node: fact(22, 'default'),
    nest: {
      monorepo: fact(false, 'nest-cli.json'),
      project: fact('app', 'nest-cli.json'),
      projects: [],
      sourceRoot: fact('src', 'nest-cli.json'),
      entryFile: fact('main', 'default'),
      builder: fact('tsc', 'default'),
      tsConfig: fact('tsconfig.build.json', 'default'),
      outDir: fact('dist', 'tsconfig.json'),
      entryPath: fact('dist/main.js', 'tsconfig.json'),
      moduleSystem: fact('cjs', 'package.json'),
      buildScript: fact('build', 'package.json'),
    },
    prisma: undefined,
    native: { packages: fact([], 'package.json') },
    base: { family: fact('slim', 'default'), image: fact('node:22-slim', 'default') },
    http: { adapter: fact('express', 'package.json'), listenHost: undefined },
    health: undefined,
    shutdownHooks: fact(true, 'src/main.ts'),
    registryAuth: undefined,
    port: fact(3000, 'default'),
    ...overrides,
  };
}

export function prisma7(overrides: Partial<PrismaFacts> = {}): PrismaFacts {
  return {
    major: fact(7, 'package-lock.json'),
    version: fact('7.10.1', 'package-lock.json'),
    schema: fact('prisma/schema.prisma', 'prisma.config.ts'),
    config: fact('prisma.config.ts', 'prisma.config.ts'),
    generator: fact('prisma-client', 'prisma/schema.prisma'),
    output: fact('src/generated/prisma', 'prisma/schema.prisma'),
    provider: fact('postgresql', 'prisma/schema.prisma'),
    binaryTargets: fact([], 'prisma/schema.prisma'),
    adapters: fact(['@prisma/adapter-pg'], 'package.json'),
    migrations: fact('prisma/migrations', 'prisma/migrations'),
    cliIsDev: fact(true, 'package.json'),
    ...overrides,
  };
}
