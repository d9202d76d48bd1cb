/**
 * Dependencies with native code, and the base image they call for. Native addons built for glibc do
 * not load on Alpine's musl, and several popular ones ship no musl prebuild, so any native dependency
 * selects the Debian slim image; without one, the guide's Alpine stays. `--base` overrides the choice.
 */
import type { LockfileContents } from './lockfile.js';
import { allDeclared, type Manifest } from './manifest.js';
import type { BaseFacts, BaseFamily, Fact, NativeFacts } from './profile.js';

/** Packages known to compile or load a native addon. */
const KNOWN_NATIVE = new Set([
  'argon2',
  'bcrypt',
  'better-sqlite3',
  'canvas',
  'cpu-features',
  'duckdb',
  'farmhash',
  'isolated-vm',
  'kerberos',
  'leveldown',
  'libxmljs',
  'libxmljs2',
  'lmdb',
  'microtime',
  'msnodesqlv8',
  'node-expat',
  'node-rdkafka',
  'node-sass',
  'oracledb',
  're2',
  'sharp',
  'sqlite3',
  'zeromq',
  '@tensorflow/tfjs-node',
  '@serialport/bindings-cpp',
]);

/**
 * Packages whose install script does not build native code (a postinstall message, a download of a
 * statically linked or platform-matched binary, Prisma's engine fetch). They say nothing about libc.
 */
const HARMLESS_INSTALL_SCRIPTS = new Set([
  '@nestjs/core',
  '@prisma/client',
  '@prisma/engines',
  'prisma',
  'esbuild',
  '@swc/core',
  'core-js',
  'core-js-pure',
  'protobufjs',
  '@apollo/protobufjs',
  'nx',
  '@scarf/scarf',
  'es5-ext',
  'unrs-resolver',
  '@parcel/watcher',
  'nodemon',
  'husky',
  'msw',
  'fsevents',
  'bufferutil',
  'utf-8-validate',
  'dtrace-provider',
  '@biomejs/biome',
  'yarn',
  'pnpm',
]);

export function detectNativeDependencies(
  manifest: Manifest,
  lockfile: LockfileContents,
): NativeFacts {
  // Step 1: declared packages on the known list.
  const fromManifest = allDeclared(manifest).filter((name) => KNOWN_NATIVE.has(name));

  // Step 2: from the lockfile, known names pulled in transitively, and runtime packages with install
  // scripts (npm records `hasInstallScript`, older pnpm `requiresBuild`).
  const fromLockfile = new Set<string>();
  for (const locked of lockfile.packages) {
    if (fromManifest.includes(locked.name)) continue;
    if (KNOWN_NATIVE.has(locked.name) && locked.dev !== true) fromLockfile.add(locked.name);
    else if (
      locked.installScript &&
      locked.dev !== true &&
      !HARMLESS_INSTALL_SCRIPTS.has(locked.name)
    ) {
      fromLockfile.add(locked.name);
    }
  }

  const packages = [...new Set([...fromManifest, ...fromLockfile])].sort();
  if (packages.length === 0) {
    return {
      packages: {
        value: [],
        source: lockfile.file,
        detail: 'no known native package or install script',
      },
    };
  }
  const source = fromManifest.length > 0 ? manifest.file : lockfile.file;
  const detail =
    fromLockfile.size > 0
      ? `${[...fromLockfile].sort().join(', ')} from ${lockfile.file}`
      : undefined;
  return { packages: { value: packages, source, ...(detail ? { detail } : {}) } };
}

/**
 * `node:<major>-alpine` or `node:<major>-slim`. `--base alpine|slim` picks the family; any other value
 * is an image reference used as is, its family guessed from the tag (alpine in the tag means musl).
 */
export function chooseBase(
  native: NativeFacts,
  nodeMajor: Fact<number>,
  override?: string,
): BaseFacts {
  if (override !== undefined && override.trim() !== '') {
    const value = override.trim();
    if (value === 'alpine' || value === 'slim') {
      return {
        family: { value, source: '--base' },
        image: {
          value: `node:${nodeMajor.value}-${value}`,
          source: '--base',
          detail: `node ${nodeMajor.value} from ${nodeMajor.source}`,
        },
      };
    }
    const family: BaseFamily = /alpine/i.test(tagOf(value)) ? 'alpine' : 'slim';
    return {
      family: { value: family, source: '--base', detail: `guessed from ${value}` },
      image: { value, source: '--base' },
    };
  }
  const names = native.packages.value;
  const family: Fact<BaseFamily> =
    names.length > 0
      ? { value: 'slim', source: native.packages.source, detail: `native: ${names.join(', ')}` }
      : { value: 'alpine', source: 'default', detail: 'no native dependencies' };
  return {
    family,
    image: {
      value: `node:${nodeMajor.value}-${family.value}`,
      source: family.source,
      detail: `node ${nodeMajor.value} from ${nodeMajor.source}`,
    },
  };
}

/** The tag (or digest-less name) of an image reference: `registry:5000/node:22-alpine` -> `22-alpine`. */
function tagOf(reference: string): string {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest.slice(lastSlash + 1) : withoutDigest.slice(colon + 1);
}
