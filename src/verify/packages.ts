/**
 * The installed packages of the runtime node_modules, read from the image's files: each file is
 * charged to the deepest package folder that holds it (`node_modules/a/node_modules/@s/b`), so
 * sizes and lockfile paths line up with package-lock.json's `packages` keys.
 */
import type { FinalFile } from './layers.js';

export interface InstalledPackage {
  /** The lockfile-style install path, for example `node_modules/@prisma/client`. */
  path: string;
  /** The package name, for example `@prisma/client`. */
  name: string;
  bytes: number;
  files: number;
}

/** `node_modules/a/node_modules/@s/b/lib/x.js` -> `node_modules/a/node_modules/@s/b`. */
export function installPathOf(relativePath: string): string | undefined {
  const parts = relativePath.split('/');
  let end = -1;
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i] !== 'node_modules') continue;
    const next = parts[i + 1] ?? '';
    if (next.startsWith('.')) continue;
    end = next.startsWith('@') ? i + 2 : i + 1;
    if (end >= parts.length) return undefined;
  }
  return end < 0 ? undefined : parts.slice(0, end + 1).join('/');
}

export function packageName(installPath: string): string {
  const at = installPath.lastIndexOf('node_modules/');
  return installPath.slice(at + 'node_modules/'.length);
}

/** Every package under `<workdir>/node_modules`, with the bytes of its own files. */
export function installedPackages(files: Iterable<FinalFile>, workdir: string): Map<string, InstalledPackage> {
  const prefix = `${workdir.replace(/\/+$/, '')}/`;
  const out = new Map<string, InstalledPackage>();
  for (const file of files) {
    if (!file.path.startsWith(`${prefix}node_modules/`)) continue;
    const path = installPathOf(file.path.slice(prefix.length));
    if (!path) continue;
    let pkg = out.get(path);
    if (!pkg) {
      pkg = { path, name: packageName(path), bytes: 0, files: 0 };
      out.set(path, pkg);
    }
    pkg.bytes += file.size;
    if (file.type === 'file') pkg.files += 1;
  }
  return out;
}

/** Bytes per top-level package (nested copies charged to the package that holds them). */
export function topLevelSizes(packages: Iterable<InstalledPackage>): Map<string, number> {
  const out = new Map<string, number>();
  for (const pkg of packages) {
    const top = packageName(pkg.path.split('/node_modules/')[0] ?? pkg.path);
    out.set(top, (out.get(top) ?? 0) + pkg.bytes);
  }
  return out;
}
