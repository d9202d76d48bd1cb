/**
 * Which package manager installs the project, from the `packageManager` field (what corepack obeys) and
 * the lockfile on disk (what a lockfile-strict install needs). The two must agree; a project without a
 * lockfile cannot be installed reproducibly, so that is an error rather than a guess.
 */
import { NestshipError } from '../errors.js';
import path from 'node:path';
import { isDirectory, isFile, readTextIfExists, toPosix } from './files.js';
import type { Manifest } from './manifest.js';
import type { Fact, PackageManagerFacts, PackageManagerName } from './profile.js';

/** Lockfiles in the order they are looked for, with the manager each belongs to. */
const LOCKFILES: ReadonlyArray<{ file: string; family: Family }> = [
  { file: 'package-lock.json', family: 'npm' },
  { file: 'npm-shrinkwrap.json', family: 'npm' },
  { file: 'pnpm-lock.yaml', family: 'pnpm' },
  { file: 'yarn.lock', family: 'yarn' },
  { file: 'bun.lock', family: 'bun' },
  { file: 'bun.lockb', family: 'bun' },
];

/** yarn classic and berry share `yarn.lock`; they are told apart by its content. */
type Family = 'npm' | 'pnpm' | 'yarn' | 'bun';

const INSTALL_COMMAND: Record<Family, string> = {
  npm: 'npm install',
  pnpm: 'pnpm install',
  yarn: 'yarn install',
  bun: 'bun install',
};

interface FoundLockfile {
  file: string;
  family: Family;
  text: string;
}

export async function detectPackageManager(
  root: string,
  manifest: Manifest,
): Promise<PackageManagerFacts> {
  const declared = parsePackageManagerField(manifest);
  const found = await findLockfiles(root);
  if (found.length === 0)
    throw noLockfile(manifest.file, declared?.family, await workspaceLockfile(root));

  // Step 1: pick the lockfile. The packageManager field wins when it names one of the lockfiles present.
  const lock = chooseLockfile(declared, found, manifest.file);

  // Step 2: name the manager. yarn needs a look inside the lockfile to tell classic from berry.
  const name = await resolveName(root, lock, declared, manifest.file);

  const facts: PackageManagerFacts = {
    name,
    version: declared?.version
      ? { value: declared.version, source: manifest.file, detail: 'packageManager field' }
      : undefined,
    lockfile: { value: lock.file, source: lock.file },
  };
  const major = majorVersion(declared, lock, name.value, manifest.file);
  if (major) facts.major = major;
  return facts;
}

interface DeclaredManager {
  family: Family;
  version: string | undefined;
  raw: string;
}

/** `pnpm@10.34.8+sha512.…` -> pnpm, 10.34.8. An unknown name is an error: we cannot install with it. */
function parsePackageManagerField(manifest: Manifest): DeclaredManager | undefined {
  const raw = manifest.raw['packageManager'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    throw new NestshipError('the packageManager field must be a string like "pnpm@10.4.1"', {
      file: manifest.file,
    });
  }
  const match = /^(@?[^@\s]+)(?:@([^+\s]+))?/.exec(raw.trim());
  const name = match?.[1] ?? '';
  if (!isFamily(name)) {
    throw new NestshipError(`unknown package manager "${name}" in the packageManager field`, {
      file: manifest.file,
      hint: 'nestship supports npm, pnpm, yarn and bun',
    });
  }
  return { family: name, version: match?.[2], raw };
}

function isFamily(name: string): name is Family {
  return name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun';
}

async function findLockfiles(root: string): Promise<FoundLockfile[]> {
  const found: FoundLockfile[] = [];
  for (const candidate of LOCKFILES) {
    // bun.lockb is binary; its presence is all we need, so read it as text only to test existence.
    const text = await readTextIfExists(root, candidate.file);
    if (text !== undefined) found.push({ ...candidate, text });
  }
  return found;
}

function chooseLockfile(
  declared: DeclaredManager | undefined,
  found: FoundLockfile[],
  manifestFile: string,
): FoundLockfile {
  if (declared) {
    const own = found.find((lock) => lock.family === declared.family);
    if (own) return own;
    const other = found[0];
    if (other) {
      throw new NestshipError(
        `packageManager says ${declared.family} but the lockfile is ${other.file}`,
        {
          file: manifestFile,
          hint: `run ${INSTALL_COMMAND[declared.family]} and commit its lockfile, or fix packageManager`,
        },
      );
    }
    throw noLockfile(manifestFile, declared.family);
  }
  const families = [...new Set(found.map((lock) => lock.family))];
  const first = found[0];
  if (!first) throw noLockfile(manifestFile, undefined);
  if (families.length > 1) {
    const files = found.map((lock) => lock.file).join(' and ');
    throw new NestshipError(`found lockfiles of different package managers: ${files}`, {
      file: first.file,
      hint: 'delete the one you do not use, or set "packageManager" in package.json',
    });
  }
  return first;
}

function noLockfile(
  manifestFile: string,
  family: Family | undefined,
  workspace?: string,
): NestshipError {
  if (workspace) {
    // A workspace member: its lockfile belongs to the workspace root, which needs a different build
    // context. That layout is not supported yet; say so rather than "no lockfile".
    return new NestshipError(
      `no lockfile next to package.json; the workspace lockfile is ${workspace}`,
      {
        file: manifestFile,
        hint: 'nestship supports a service with its own lockfile; workspace members are not supported yet',
      },
    );
  }
  const install = family ? INSTALL_COMMAND[family] : "your package manager's install";
  return new NestshipError('no lockfile next to package.json', {
    file: manifestFile,
    hint: `run ${install} and commit the lockfile so the image installs exactly what you tested`,
  });
}

/**
 * A lockfile in a parent folder, up to the repository root (the folder holding .git), as a path
 * relative to the project. Found only to explain the error; it is never used.
 */
async function workspaceLockfile(root: string): Promise<string | undefined> {
  let dir = path.resolve(root);
  for (let level = 0; level < 6; level++) {
    if (await isDirectory(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
    for (const { file } of LOCKFILES) {
      if (await isFile(path.join(dir, file)))
        return toPosix(path.relative(root, path.join(dir, file)));
    }
  }
  return undefined;
}

async function resolveName(
  root: string,
  lock: FoundLockfile,
  declared: DeclaredManager | undefined,
  manifestFile: string,
): Promise<Fact<PackageManagerName>> {
  if (lock.family !== 'yarn') {
    return declared
      ? { value: lock.family, source: manifestFile, detail: `packageManager field, ${lock.file}` }
      : { value: lock.family, source: lock.file };
  }
  const yarnrc = await readTextIfExists(root, '.yarnrc.yml');
  const flavour = yarnFlavour(lock.text, yarnrc !== undefined);
  const declaredMajor = declared?.version ? Number.parseInt(declared.version, 10) : undefined;
  if (declaredMajor !== undefined && !Number.isNaN(declaredMajor)) {
    const declaredFlavour = declaredMajor >= 2 ? 'yarn-berry' : 'yarn-classic';
    if (flavour !== declaredFlavour) {
      throw new NestshipError(
        `packageManager says yarn@${declared?.version} but yarn.lock is a ${describeYarn(flavour)} lockfile`,
        {
          file: 'yarn.lock',
          hint: `run yarn install with yarn ${declaredMajor} and commit the rewritten yarn.lock`,
        },
      );
    }
  }
  if (flavour === 'yarn-berry') assertNodeModulesLinker(yarnrc);
  return declared
    ? { value: flavour, source: manifestFile, detail: `packageManager field, ${lock.file}` }
    : {
        value: flavour,
        source: lock.file,
        detail: flavour === 'yarn-berry' ? '__metadata header' : 'v1 header',
      };
}

/** Berry lockfiles are YAML with a `__metadata` block; classic ones start with `# yarn lockfile v1`. */
function yarnFlavour(lockText: string, hasYarnrcYml: boolean): 'yarn-classic' | 'yarn-berry' {
  if (/^__metadata:/m.test(lockText)) return 'yarn-berry';
  if (/^# yarn lockfile v1/m.test(lockText)) return 'yarn-classic';
  // An empty or unusual yarn.lock: berry projects carry a .yarnrc.yml, classic ones do not.
  return hasYarnrcYml ? 'yarn-berry' : 'yarn-classic';
}

function describeYarn(flavour: 'yarn-classic' | 'yarn-berry'): string {
  return flavour === 'yarn-berry' ? 'yarn 2+ (berry)' : 'yarn 1 (classic)';
}

/**
 * Plug'n'Play (berry's default linker) has no node_modules, which NestJS, Prisma and the runtime image's
 * plain `node` all expect. The node-modules linker is required.
 */
function assertNodeModulesLinker(yarnrc: string | undefined): void {
  const linker = yarnrc ? /^nodeLinker:\s*["']?([\w-]+)["']?\s*$/m.exec(yarnrc)?.[1] : undefined;
  if (linker === 'node-modules') return;
  throw new NestshipError(
    linker
      ? `yarn nodeLinker "${linker}" is not supported`
      : "yarn berry uses Plug'n'Play by default",
    {
      file: '.yarnrc.yml',
      hint: 'set "nodeLinker: node-modules" in .yarnrc.yml and run yarn install',
    },
  );
}

/** The manager's major version when it is certain: pinned in packageManager, or implied by the lockfile. */
function majorVersion(
  declared: DeclaredManager | undefined,
  lock: FoundLockfile,
  name: PackageManagerName,
  manifestFile: string,
): Fact<number> | undefined {
  const pinned = declared?.version ? Number.parseInt(declared.version, 10) : Number.NaN;
  if (!Number.isNaN(pinned))
    return { value: pinned, source: manifestFile, detail: 'packageManager field' };
  if (name === 'yarn-classic') return { value: 1, source: lock.file, detail: 'v1 lockfile' };
  if (name === 'yarn-berry') {
    // __metadata version 8 is written by yarn 4, 6 by yarn 3; older berry is not worth supporting.
    const metadata = /^__metadata:\s*\n\s+version:\s*(\d+)/m.exec(lock.text)?.[1];
    if (metadata === '8') return { value: 4, source: lock.file, detail: '__metadata version 8' };
    if (metadata === '6') return { value: 3, source: lock.file, detail: '__metadata version 6' };
  }
  return undefined;
}
