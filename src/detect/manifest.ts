/**
 * package.json, read once and handed to every detector that needs its fields. It is the one file several
 * fact families share, so it has its own module instead of each detector parsing it again.
 */
import { NestshipError } from '../errors.js';
import { isRecord, readJsonObject, stringAt } from './files.js';

export const MANIFEST_FILE = 'package.json';

export interface Manifest {
  /** Always `package.json`; kept so facts can cite it without a literal. */
  file: string;
  raw: Record<string, unknown>;
  name: string | undefined;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  scripts: Record<string, string>;
}

/** Reads package.json; a missing or broken one is a NestshipError naming it. */
export async function readManifest(root: string): Promise<Manifest> {
  const raw = await readJsonObject(root, MANIFEST_FILE);
  if (!raw) {
    throw new NestshipError('no package.json in the project directory', {
      file: MANIFEST_FILE,
      hint: 'run nestship in the folder of the NestJS service, the one holding its package.json',
    });
  }
  return {
    file: MANIFEST_FILE,
    raw,
    name: stringAt(raw, 'name'),
    dependencies: stringMap(raw['dependencies']),
    devDependencies: stringMap(raw['devDependencies']),
    optionalDependencies: stringMap(raw['optionalDependencies']),
    scripts: stringMap(raw['scripts']),
  };
}

/** The range a package is declared with, and in which section, looking at runtime sections first. */
export function declared(
  manifest: Manifest,
  name: string,
): { range: string; dev: boolean } | undefined {
  const runtime = manifest.dependencies[name] ?? manifest.optionalDependencies[name];
  if (runtime !== undefined) return { range: runtime, dev: false };
  const dev = manifest.devDependencies[name];
  return dev === undefined ? undefined : { range: dev, dev: true };
}

/** Every declared package name, runtime and dev. */
export function allDeclared(manifest: Manifest): string[] {
  return [
    ...new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.optionalDependencies),
      ...Object.keys(manifest.devDependencies),
    ]),
  ].sort();
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') out[key] = entry;
  }
  return out;
}
