/**
 * Enough of TypeScript's config loading to know where `tsc` writes the entry file: the `extends` chain,
 * the options that place output (outDir, rootDir, module, paths) with the file each came from, and the
 * list of input files that decides an inferred rootDir. Parsing is JSONC, as tsconfig files allow.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NestshipError } from '../errors.js';
import {
  isDirectory,
  isFile,
  isRecord,
  listFiles,
  readJsonObject,
  relativeTo,
  toPosix,
} from './files.js';

/** An option value and the config file that set it (project-relative). */
export interface Located<T> {
  value: T;
  file: string;
}

export interface ResolvedTsconfig {
  /** The config the build names, project-relative. */
  file: string;
  /** Absolute directory of that config: TypeScript's `${configDir}` and the TS 6 default rootDir. */
  configDir: string;
  /** Every config read, child first. */
  chain: string[];
  /** Absolute output folder. */
  outDir: Located<string> | undefined;
  /** Absolute rootDir when set explicitly. */
  rootDir: Located<string> | undefined;
  /** `module`, lower-cased. */
  module: Located<string> | undefined;
  allowJs: boolean;
  /** Include patterns resolved to absolute form, or undefined for TypeScript's default `**\/*`. */
  include: string[] | undefined;
  exclude: string[] | undefined;
  files: string[] | undefined;
  /** `paths` with its base folder (baseUrl, else the folder of the config that set `paths`). */
  paths: { base: string; map: Record<string, string[]> } | undefined;
  /** `extends` entries naming packages that are not installed; their options are unknown. */
  unresolved: string[];
}

/** Reads a tsconfig and everything it extends. `rel` is project-relative. */
export async function resolveTsconfig(root: string, rel: string): Promise<ResolvedTsconfig> {
  const top = path.resolve(root, rel);
  const resolved: ResolvedTsconfig = {
    file: toPosix(rel),
    configDir: path.dirname(top),
    chain: [],
    outDir: undefined,
    rootDir: undefined,
    module: undefined,
    allowJs: false,
    include: undefined,
    exclude: undefined,
    files: undefined,
    paths: undefined,
    unresolved: [],
  };
  let baseUrl: string | undefined;
  let pathsOwner: string | undefined;
  let pathsMap: Record<string, string[]> | undefined;
  let allowJs: boolean | undefined;

  // Walk child first: the first config that sets an option owns it, exactly as an override would.
  const visit = async (absolute: string, depth: number): Promise<void> => {
    if (depth > 20) {
      throw new NestshipError('tsconfig "extends" chain is circular or too deep', {
        file: relativeTo(root, top),
      });
    }
    const file = relativeTo(root, absolute);
    const json = await readJsonObject(root, file, true);
    if (!json) {
      throw new NestshipError(`tsconfig file ${file} does not exist`, {
        file: resolved.chain[resolved.chain.length - 1] ?? file,
        hint: 'fix the path in nest-cli.json compilerOptions.tsConfigPath or in "extends"',
      });
    }
    resolved.chain.push(file);
    const dir = path.dirname(absolute);
    const options = isRecord(json['compilerOptions']) ? json['compilerOptions'] : {};
    const place = (value: unknown) =>
      path.resolve(dir, String(value).replace('${configDir}', resolved.configDir));

    if (resolved.outDir === undefined && typeof options['outDir'] === 'string') {
      resolved.outDir = { value: place(options['outDir']), file };
    }
    if (resolved.rootDir === undefined && typeof options['rootDir'] === 'string') {
      resolved.rootDir = { value: place(options['rootDir']), file };
    }
    if (resolved.module === undefined && typeof options['module'] === 'string') {
      resolved.module = { value: options['module'].toLowerCase(), file };
    }
    if (allowJs === undefined && typeof options['allowJs'] === 'boolean')
      allowJs = options['allowJs'];
    if (baseUrl === undefined && typeof options['baseUrl'] === 'string')
      baseUrl = place(options['baseUrl']);
    if (pathsMap === undefined && isRecord(options['paths'])) {
      pathsMap = stringArrays(options['paths']);
      pathsOwner = dir;
    }
    if (resolved.include === undefined && Array.isArray(json['include'])) {
      resolved.include = strings(json['include']).map(place);
    }
    if (resolved.exclude === undefined && Array.isArray(json['exclude'])) {
      resolved.exclude = strings(json['exclude']).map(place);
    }
    if (resolved.files === undefined && Array.isArray(json['files'])) {
      resolved.files = strings(json['files']).map(place);
    }

    // `extends` may be one entry or (TS 5) a list where later entries override earlier ones.
    const parents =
      typeof json['extends'] === 'string' ? [json['extends']] : strings(json['extends']);
    for (const parent of [...parents].reverse()) {
      const target = await locateParent(root, dir, parent, file);
      if (target) await visit(target, depth + 1);
      else resolved.unresolved.push(parent);
    }
  };

  await visit(top, 0);
  resolved.allowJs = allowJs ?? false;
  if (pathsMap)
    resolved.paths = { base: baseUrl ?? pathsOwner ?? resolved.configDir, map: pathsMap };
  return resolved;
}

/** A relative `extends` is a file; anything else names an npm package under node_modules. */
async function locateParent(
  root: string,
  dir: string,
  parent: string,
  child: string,
): Promise<string | undefined> {
  const relative = parent.startsWith('.') || path.isAbsolute(parent);
  const base = relative ? path.resolve(dir, parent) : path.join(root, 'node_modules', parent);
  for (const candidate of [base, `${base}.json`, path.join(base, 'tsconfig.json')]) {
    if (await isFile(candidate)) return candidate;
  }
  if (relative) {
    throw new NestshipError(`tsconfig extends "${parent}", which does not exist`, {
      file: child,
      hint: 'fix the "extends" path',
    });
  }
  return undefined;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];
const SCRIPT_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs'];
const DEFAULT_EXCLUDES = ['node_modules', 'bower_components', 'jspm_packages'];
/** Walking a huge tree is not worth it; the common folder is settled long before this many files. */
const MAX_INPUT_FILES = 20000;

/**
 * The non-declaration input files tsc compiles for this config (absolute paths): `files` plus what
 * `include` matches minus `exclude`, plus the files that `paths` aliases pull in from outside (one level,
 * which is how Nest monorepo libraries reach an app's compilation).
 */
export async function listInputFiles(config: ResolvedTsconfig): Promise<string[]> {
  const extensions = config.allowJs
    ? [...SOURCE_EXTENSIONS, ...SCRIPT_EXTENSIONS]
    : SOURCE_EXTENSIONS;
  const include = (
    config.include ?? (config.files ? [] : [path.join(config.configDir, '**/*')])
  ).map(asDirectoryPattern);
  const exclude = config.exclude ?? [
    ...DEFAULT_EXCLUDES.map((name) => path.join(config.configDir, name)),
    ...(config.outDir ? [config.outDir.value] : []),
  ];
  const includeRegexes = include.map((pattern) => patternToRegex(pattern, false));
  const excludeRegexes = exclude.map((pattern) => patternToRegex(pattern, true));

  const found = new Set<string>();
  for (const file of config.files ?? []) found.add(file);
  const walked = new Set<string>();
  // Excluded folders written without wildcards (dist, test) are not walked at all.
  const prune = new Set(exclude.filter((pattern) => !/[*?]/.test(pattern)));
  for (const pattern of include) {
    const start = literalPrefix(pattern);
    if (walked.has(start) || !(await isDirectory(start))) continue;
    walked.add(start);
    for (const file of await listFiles(start, prune)) {
      if (found.size >= MAX_INPUT_FILES) break;
      const posix = toPosix(file);
      if (!hasExtension(file, extensions) || isDeclaration(file)) continue;
      if (!includeRegexes.some((regex) => regex.test(posix))) continue;
      if (excludeRegexes.some((regex) => regex.test(posix))) continue;
      found.add(file);
    }
  }
  for (const file of await aliasedFiles(config, [...found])) found.add(file);
  return [...found].filter((file) => !isDeclaration(file)).sort();
}

/** The longest common folder of the files: TypeScript 5's inferred rootDir. */
export function commonDirectory(files: readonly string[]): string | undefined {
  const first = files[0];
  if (first === undefined) return undefined;
  let common = path.dirname(first).split(path.sep);
  for (const file of files.slice(1)) {
    const parts = path.dirname(file).split(path.sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(path.sep) || path.sep;
}

/** TypeScript treats a last segment without an extension or wildcard as a folder: `src` -> `src/**\/*`. */
function asDirectoryPattern(pattern: string): string {
  const last = path.basename(pattern);
  return /[*?]/.test(last) || path.extname(last) !== '' ? pattern : path.join(pattern, '**/*');
}

/** The folder part of a pattern before its first wildcard: where walking starts. */
function literalPrefix(pattern: string): string {
  const parts = pattern.split(path.sep);
  const firstWild = parts.findIndex((part) => /[*?]/.test(part));
  const literal = firstWild === -1 ? parts.slice(0, -1) : parts.slice(0, firstWild);
  return literal.join(path.sep) || path.sep;
}

/** `**\/` spans folders, `*` and `?` stay inside one name; an exclude also covers everything below it. */
function patternToRegex(pattern: string, isExclude: boolean): RegExp {
  const posix = toPosix(pattern);
  let source = '';
  for (let i = 0; i < posix.length; i++) {
    const char = posix[i] as string;
    if (posix.startsWith('**/', i)) {
      source += '(?:[^/]+/)*';
      i += 2;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}${isExclude ? '(?:/.*)?' : ''}$`);
}

/** Files reached through `paths` aliases from the given sources (one hop). */
async function aliasedFiles(config: ResolvedTsconfig, sources: string[]): Promise<string[]> {
  if (!config.paths) return [];
  const { base, map } = config.paths;
  const specifiers = new Set<string>();
  for (const file of sources) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const match of text.matchAll(
      /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"./][^'"]*)['"]/g,
    )) {
      if (match[1]) specifiers.add(match[1]);
    }
  }
  const reached: string[] = [];
  for (const specifier of specifiers) {
    const target = mapAlias(specifier, map);
    if (!target) continue;
    const absolute = path.resolve(base, target);
    for (const candidate of [absolute, `${absolute}.ts`, path.join(absolute, 'index.ts')]) {
      if (hasExtension(candidate, SOURCE_EXTENSIONS) && (await isFile(candidate))) {
        reached.push(candidate);
        break;
      }
    }
  }
  return reached;
}

function mapAlias(specifier: string, map: Record<string, string[]>): string | undefined {
  for (const [key, targets] of Object.entries(map)) {
    const target = targets[0];
    if (target === undefined) continue;
    if (!key.includes('*')) {
      if (key === specifier) return target;
      continue;
    }
    const [prefix = '', suffix = ''] = key.split('*');
    if (
      specifier.startsWith(prefix) &&
      specifier.endsWith(suffix) &&
      specifier.length >= key.length - 1
    ) {
      const middle = specifier.slice(prefix.length, specifier.length - suffix.length);
      return target.replace('*', middle);
    }
  }
  return undefined;
}

function hasExtension(file: string, extensions: readonly string[]): boolean {
  return extensions.some((extension) => file.endsWith(extension));
}

function isDeclaration(file: string): boolean {
  return /\.d\.[cm]?tsx?$/.test(file) || /\.d\.[^.]+\.ts$/.test(file);
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function stringArrays(value: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = strings(entry);
  return out;
}
