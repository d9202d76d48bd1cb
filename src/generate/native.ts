/**
 * Whether the build stages need a C/C++ toolchain. Most native packages now ship prebuilt binaries
 * inside their npm tarballs (node-gyp-build, platform packages) and install without one; a few fetch
 * their binary from GitHub at install time and compile from source when that fails, which needs
 * python3, make and g++. The toolchain stays in the install stages; the runtime never gets it.
 */
import type { Profile } from '../detect/profile.js';

/** Packages whose npm tarballs (or platform sub-packages) carry glibc and musl binaries. */
const SHIPS_PREBUILT = new Set([
  'argon2',
  'sharp',
  '@node-rs/argon2',
  '@node-rs/bcrypt',
  '@node-rs/xxhash',
  '@swc/core',
  'esbuild',
  'bufferutil',
  'utf-8-validate',
  'msgpackr-extract',
  '@parcel/watcher',
  'prisma',
  '@prisma/engines',
  '@prisma/client',
  'bcryptjs',
]);

/** The native packages that may compile from source during the install. */
export function packagesNeedingToolchain(profile: Profile): string[] {
  return profile.native.packages.value.filter((name) => !SHIPS_PREBUILT.has(name)).sort();
}

/** Installs python3, make and g++ for node-gyp in the image's own package manager. */
export function toolchainSteps(profile: Profile): string[] {
  return systemPackageSteps(profile, ['python3', 'make', 'g++']);
}

/** Installs OpenSSL, which Prisma's native engines link against; slim and alpine lack it. */
export function opensslSteps(profile: Profile): string[] {
  return systemPackageSteps(profile, ['openssl']);
}

/** apk keeps no index with --no-cache; apt's lists are removed in the same layer that fetched them. */
function systemPackageSteps(profile: Profile, packages: string[]): string[] {
  const names = packages.join(' ');
  if (profile.base.family.value === 'alpine') return [`apk add --no-cache ${names}`];
  return [
    'apt-get update',
    `apt-get install -y --no-install-recommends ${names}`,
    'rm -rf /var/lib/apt/lists/*',
  ];
}
