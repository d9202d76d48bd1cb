/**
 * Project detection: reads a NestJS project and returns its Profile, every fact with the file it came
 * from. Each fact family has its own module; this one reads the two inputs they share (package.json and
 * the entry source) once, runs them in order, and describes the result for `init` to print.
 */
import path from 'node:path';
import { NestshipError } from '../errors.js';
import { detectHealthRoute } from './health.js';
import { detectHttpAdapter } from './http-adapter.js';
import { readLockfile } from './lockfile.js';
import { declared, readManifest } from './manifest.js';
import { chooseBase, detectNativeDependencies } from './native-deps.js';
import { detectNestLayout } from './nest-layout.js';
import { detectNodeVersion } from './node-version.js';
import { detectPackageManager } from './package-manager.js';
import { detectPort } from './port.js';
import { detectPrisma } from './prisma.js';
import type { Fact, Profile } from './profile.js';
import { detectRegistryAuth } from './registry-auth.js';
import { detectShutdownHooks } from './shutdown.js';
import { readBootSources } from './source-file.js';

export interface DetectOptions {
  /** `--project NAME`: the Nest monorepo project to build. */
  project?: string;
  /** `--base alpine|slim|IMAGE`: overrides the base image choice. */
  base?: string;
}

export async function detectProfile(root: string, options: DetectOptions = {}): Promise<Profile> {
  const absoluteRoot = path.resolve(root);

  // Step 1: package.json, and whether this is a NestJS project at all.
  const manifest = await readManifest(absoluteRoot);
  if (!declared(manifest, '@nestjs/core')) {
    throw new NestshipError('not a NestJS project: @nestjs/core is not in dependencies', {
      file: manifest.file,
      hint: 'run nestship in the folder of a NestJS service',
    });
  }

  // Step 2: how it installs and which Node it runs.
  const packageManager = await detectPackageManager(absoluteRoot, manifest);
  const node = await detectNodeVersion(absoluteRoot, manifest);

  const lockfile = await readLockfile(absoluteRoot, packageManager.lockfile.value);

  // Step 3: how it builds, and the entry source the runtime facts are read from.
  const typescriptVersion = lockfile.versionOf(
    'typescript',
    declared(manifest, 'typescript')?.range,
  );
  const nest = await detectNestLayout(absoluteRoot, manifest, {
    ...(options.project ? { project: options.project } : {}),
    ...(typescriptVersion ? { typescriptVersion } : {}),
  });
  const entryFile = nest.entrySource?.value ?? `${nest.sourceRoot.value}/main.ts`;
  const boot = await readBootSources(absoluteRoot, entryFile, nest.sourceRoot.value);

  // Step 4: what the lockfile and schema say about dependencies.
  const prisma = await detectPrisma(absoluteRoot, manifest, lockfile);
  const native = detectNativeDependencies(manifest, lockfile);
  const base = chooseBase(native, node, options.base);

  // Step 5: how it serves and stops.
  return {
    root: absoluteRoot,
    name: manifest.name
      ? { value: manifest.name, source: manifest.file }
      : {
          value: path.basename(absoluteRoot),
          source: 'default',
          detail: 'no "name" in package.json',
        },
    packageManager,
    node,
    nest,
    prisma,
    native,
    base,
    http: detectHttpAdapter(manifest, boot),
    health: await detectHealthRoute(absoluteRoot, nest.sourceRoot.value, boot),
    shutdownHooks: detectShutdownHooks(boot),
    registryAuth: await detectRegistryAuth(absoluteRoot),
    port: detectPort(boot),
  };
}

export interface ProfileLine {
  label: string;
  value: string;
  source: string;
}

/**
 * What was detected and where from, one line per fact, in the order `init` prints them. `source` is
 * the file, then `: detail` when there is one (`tsconfig.build.json: rootDir inferred as src`).
 */
export function describeProfile(profile: Profile): ProfileLine[] {
  const lines: ProfileLine[] = [];
  const add = (label: string, fact: Fact<unknown> | undefined, value?: string) => {
    if (!fact) return;
    lines.push({
      label,
      value: value ?? show(fact.value),
      source: fact.detail ? `${fact.source}: ${fact.detail}` : fact.source,
    });
  };
  const { packageManager: pm, nest, prisma } = profile;

  add('name', profile.name);
  add('package manager', pm.name, pm.version ? `${pm.name.value} ${pm.version.value}` : undefined);
  add('lockfile', pm.lockfile);
  add('node', profile.node);
  if (nest.monorepo.value)
    add('nest project', nest.project, `${nest.project.value} of ${nest.projects.join(', ')}`);
  add('source root', nest.sourceRoot);
  add('builder', nest.builder);
  add('tsconfig', nest.tsConfig);
  add('entry', nest.entryPath);
  add('modules', nest.moduleSystem);
  if (prisma) {
    add(
      'prisma',
      prisma.major,
      prisma.version ? `${prisma.major.value} (${prisma.version.value})` : undefined,
    );
    add('prisma schema', prisma.schema);
    add('prisma config', prisma.config);
    add(
      'prisma client',
      prisma.generator,
      prisma.output ? `${prisma.generator.value} -> ${prisma.output.value}` : undefined,
    );
    add('database', prisma.provider);
    if (prisma.binaryTargets.value.length > 0) add('binary targets', prisma.binaryTargets);
    if (prisma.adapters.value.length > 0) add('driver adapters', prisma.adapters);
    add('migrations', prisma.migrations);
  }
  add(
    'native deps',
    profile.native.packages,
    profile.native.packages.value.length ? undefined : 'none',
  );
  add('base image', profile.base.image);
  add('http adapter', profile.http.adapter);
  add('listen host', profile.http.listenHost);
  add('port', profile.port);
  if (profile.health) add('health route', profile.health);
  else
    lines.push({
      label: 'health route',
      value: 'none',
      source: 'no GET route named health, ready or live',
    });
  add('shutdown hooks', profile.shutdownHooks, profile.shutdownHooks.value ? 'yes' : 'no');
  add('registry auth', profile.registryAuth);
  return lines;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  return String(value);
}
