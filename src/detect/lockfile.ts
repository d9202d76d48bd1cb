/**
 * What the lockfile says was installed: exact versions of packages and, where the format records it,
 * which ones run install scripts. One reader per format, all read-only and tolerant: a lockfile we cannot
 * read fully gives fewer facts, never a wrong one. The package-manager detector decides which file it is.
 */
import { parse } from 'jsonc-parser';
import { isRecord, parseJson, readTextIfExists } from './files.js';

export interface LockedPackage {
  name: string;
  version: string;
  /** Whether the package is only a dev dependency, when the format says so. */
  dev: boolean | undefined;
  /** Whether the package runs install scripts (npm's `hasInstallScript`, pnpm's `requiresBuild`). */
  installScript: boolean;
}

export interface LockfileContents {
  file: string;
  packages: LockedPackage[];
  /** The exact version a direct dependency resolved to, given its declared range. */
  versionOf(name: string, range?: string): string | undefined;
}

export async function readLockfile(root: string, file: string): Promise<LockfileContents> {
  const empty: LockfileContents = { file, packages: [], versionOf: () => undefined };
  // bun.lockb is a binary format; it names no versions we can read.
  if (file === 'bun.lockb') return empty;
  const text = await readTextIfExists(root, file);
  if (text === undefined) return empty;
  if (file === 'package-lock.json' || file === 'npm-shrinkwrap.json') return readNpm(text, file);
  if (file === 'pnpm-lock.yaml') return readPnpm(text, file);
  if (file === 'yarn.lock') return readYarn(text, file);
  if (file === 'bun.lock') return readBun(text, file);
  return empty;
}

/** npm v2/v3 lockfiles key packages by install path; v1 nests `dependencies`. */
function readNpm(text: string, file: string): LockfileContents {
  const json = parseJson(text, file);
  const packages: LockedPackage[] = [];
  const direct = new Map<string, string>();
  const tree = isRecord(json) && isRecord(json['packages']) ? json['packages'] : undefined;
  if (tree) {
    for (const [key, entry] of Object.entries(tree)) {
      if (!key || !isRecord(entry) || typeof entry['version'] !== 'string') continue;
      const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      const locked: LockedPackage = {
        name,
        version: entry['version'],
        dev: entry['dev'] === true || entry['devOptional'] === true,
        installScript: entry['hasInstallScript'] === true,
      };
      packages.push(locked);
      if (key === `node_modules/${name}`) direct.set(name, locked.version);
    }
  } else if (isRecord(json) && isRecord(json['dependencies'])) {
    for (const [name, entry] of Object.entries(json['dependencies'])) {
      if (!isRecord(entry) || typeof entry['version'] !== 'string') continue;
      packages.push({
        name,
        version: entry['version'],
        dev: entry['dev'] === true,
        installScript: false,
      });
      direct.set(name, entry['version']);
    }
  }
  return { file, packages, versionOf: (name) => direct.get(name) };
}

/**
 * pnpm-lock.yaml, read line by line: the importer section gives direct versions (`version: 1.2.3(peer…)`),
 * the packages section gives `name@version` keys and, before lockfile v9, `requiresBuild`.
 */
function readPnpm(text: string, file: string): LockfileContents {
  const lines = text.split(/\r?\n/);
  const direct = new Map<string, string>();
  const packages: LockedPackage[] = [];
  let section = '';
  let lastName: string | undefined;
  let current: LockedPackage | undefined;
  for (const line of lines) {
    const top = /^(\w[\w-]*):/.exec(line);
    if (top) {
      section = top[1] as string;
      continue;
    }
    if (
      section === 'importers' ||
      section === 'dependencies' ||
      section === 'devDependencies' ||
      section === 'optionalDependencies'
    ) {
      const key = /^\s+'?(@?[^'\s:]+)'?:\s*$/.exec(line);
      if (key) lastName = key[1];
      const version = /^\s+version:\s*'?([^'\s(]+)/.exec(line);
      if (version && lastName && !direct.has(lastName)) direct.set(lastName, version[1] as string);
      // pnpm 6-8 single-project lockfiles also use `name: version` directly under dependencies.
      const inline = /^ {2}'?(@?[^'\s:]+)'?:\s+'?(\d[^'\s(]*)/.exec(line);
      if (inline && section !== 'importers') direct.set(inline[1] as string, inline[2] as string);
      continue;
    }
    if (section === 'packages') {
      const key = /^ {2}'?\/?(@?[^@'\s]+)@([^'():\s]+)[^:]*'?:\s*$/.exec(line);
      if (key) {
        current = {
          name: key[1] as string,
          version: key[2] as string,
          dev: undefined,
          installScript: false,
        };
        packages.push(current);
        continue;
      }
      if (current && /^\s+requiresBuild:\s*true/.test(line)) current.installScript = true;
      if (current && /^\s+dev:\s*true/.test(line)) current.dev = true;
      if (current && /^\s+dev:\s*false/.test(line)) current.dev = false;
    }
  }
  return { file, packages, versionOf: (name) => direct.get(name) };
}

/**
 * yarn.lock, classic (`"name@^1", name@^1.2:` then `  version "1.2.3"`) or berry (`"name@npm:^1":` then
 * `  version: 1.2.3`). A direct dependency is found by the block whose keys include its declared range.
 */
function readYarn(text: string, file: string): LockfileContents {
  const packages: LockedPackage[] = [];
  const blocks: Array<{ specs: string[]; version: string }> = [];
  let specs: string[] | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S.*:\s*$/.test(line) && !line.startsWith('#') && !line.startsWith('__metadata')) {
      specs = line
        .replace(/:\s*$/, '')
        .split(',')
        .map((spec) => spec.trim().replace(/^"|"$/g, ''));
      continue;
    }
    const version = /^ {2}version:?\s+"?([^"\s]+)"?/.exec(line);
    if (version && specs) {
      const name = nameOfSpec(specs[0] as string);
      blocks.push({ specs, version: version[1] as string });
      packages.push({ name, version: version[1] as string, dev: undefined, installScript: false });
      specs = undefined;
    }
  }
  const versionOf = (name: string, range?: string): string | undefined => {
    const wanted = range === undefined ? undefined : [`${name}@${range}`, `${name}@npm:${range}`];
    const block =
      blocks.find(
        (candidate) =>
          wanted !== undefined && candidate.specs.some((spec) => wanted.includes(spec)),
      ) ?? blocks.find((candidate) => candidate.specs.some((spec) => nameOfSpec(spec) === name));
    return block?.version;
  };
  return { file, packages, versionOf };
}

/** bun.lock is JSONC: `packages.<name>` is `["name@version", registry, meta, integrity]`. */
function readBun(text: string, file: string): LockfileContents {
  const json: unknown = parse(text, [], { allowTrailingComma: true });
  const packages: LockedPackage[] = [];
  const direct = new Map<string, string>();
  const tree = isRecord(json) && isRecord(json['packages']) ? json['packages'] : {};
  for (const [key, entry] of Object.entries(tree)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
    const ident = entry[0];
    const at = ident.lastIndexOf('@');
    if (at <= 0) continue;
    const name = ident.slice(0, at);
    const version = ident.slice(at + 1);
    packages.push({ name, version, dev: undefined, installScript: false });
    // Top-level keys are the hoisted copies, which are what a direct dependency resolves to.
    if (key === name) direct.set(name, version);
  }
  return { file, packages, versionOf: (name) => direct.get(name) };
}

/** `@scope/name@^1.2.3` or `name@npm:^1` -> the package name. */
function nameOfSpec(spec: string): string {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at === -1 ? spec : spec.slice(0, at);
}
