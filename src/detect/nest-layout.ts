/**
 * Where `nest build` writes the entry file, worked out the way the Nest CLI and its builders do:
 * nest-cli.json chooses the project, source root, entry file, builder and tsconfig; the builder then
 * decides the layout. webpack writes `dist/<project root>/<entry>.js`; swc strips the first folder of
 * the source root; tsc mirrors the sources below rootDir into outDir, and an inferred rootDir moves up
 * to the project root as soon as something outside `src` (a seed script, prisma.config.ts) is compiled.
 */
import path from 'node:path';
import semver from 'semver';
import { NestshipError } from '../errors.js';
import {
  firstExisting,
  isFile,
  isRecord,
  parseJson,
  recordAt,
  relativeTo,
  stringAt,
  toPosix,
} from './files.js';
import { declared, type Manifest } from './manifest.js';
import type { Fact, ModuleSystem, NestBuilder, NestFacts } from './profile.js';
import {
  commonDirectory,
  listInputFiles,
  resolveTsconfig,
  type ResolvedTsconfig,
} from './tsconfig.js';

/** The names the Nest CLI accepts for its config file, in its lookup order. */
const NEST_CLI_FILES = ['nest-cli.json', '.nestcli.json', '.nest-cli.json', 'nest.json'];
const DEFAULT_TSCONFIG = 'tsconfig.build.json';

export interface NestLayoutOptions {
  /** `--project NAME`: a monorepo project; default is nest-cli.json's own (top-level) settings. */
  project?: string;
  /** The exact TypeScript version the lockfile installs, which beats the floor of the declared range. */
  typescriptVersion?: string;
}

interface NestCli {
  file: string | undefined;
  raw: Record<string, unknown>;
}

/** A setting with the Nest CLI's precedence: the project's own value, then the top level, then a default. */
interface Setting<T> {
  value: T;
  source: string;
  detail?: string;
}

export async function detectNestLayout(
  root: string,
  manifest: Manifest,
  options: NestLayoutOptions = {},
): Promise<NestFacts> {
  const cli = await readNestCli(root);

  // Step 1: which project. Monorepo mode lists projects; `--project` picks one, else the top level.
  const monorepo = cli.raw['monorepo'] === true;
  const projects = applicationProjects(cli.raw);
  const project = chooseProject(root, cli, manifest, projects, monorepo, options.project);
  const appName = project.named ? project.value : undefined;
  const setting = <T>(key: string, fallback: T, read: (value: unknown) => T | undefined) =>
    lookup(cli, appName, key, fallback, read);

  // Step 2: the Nest CLI settings that shape the output.
  const sourceRoot = setting('sourceRoot', 'src', asString);
  const entryFile = setting('entryFile', 'main', asString);
  const projectRoot = setting('root', '', asString);
  const builder = readBuilder(cli, appName);
  const tsConfig = await chooseTsconfig(root, cli, appName);

  // Step 3: the entry source must exist; everything else is derived from it.
  const entrySource = await findEntrySource(root, sourceRoot.value, entryFile.value, cli.file);

  // Step 4: the tsconfig chain gives outDir, rootDir and module.
  const config = await resolveTsconfig(root, tsConfig.value);
  const layout = await compiledEntry(
    root,
    manifest,
    builder,
    config,
    entrySource,
    sourceRoot.value,
    projectRoot.value,
    entryFile.value,
    options.typescriptVersion,
  );

  return {
    monorepo: {
      value: monorepo,
      source: cli.file ?? 'default',
      ...(monorepo ? { detail: 'monorepo: true' } : {}),
    },
    project: {
      value: project.value,
      source: project.source,
      ...(project.detail ? { detail: project.detail } : {}),
    },
    projects,
    sourceRoot,
    entryFile,
    builder: {
      value: builder.value,
      source: builder.source,
      ...(builder.detail ? { detail: builder.detail } : {}),
    },
    tsConfig,
    outDir: layout.outDir,
    entryPath: layout.entryPath,
    entrySource: {
      value: entrySource,
      source: cli.file ?? 'default',
      detail: `${sourceRoot.value}/${entryFile.value}`,
    },
    moduleSystem: moduleSystem(manifest, config, builder.value),
    buildScript: buildScript(manifest),
  };
}

async function readNestCli(root: string): Promise<NestCli> {
  const found = await firstExisting(root, NEST_CLI_FILES);
  if (!found) return { file: undefined, raw: {} };
  const raw = parseJson(found.text, found.file, true);
  if (!isRecord(raw))
    throw new NestshipError('expected a JSON object at the top level', { file: found.file });
  return { file: found.file, raw };
}

function applicationProjects(raw: Record<string, unknown>): string[] {
  const projects = recordAt(raw, 'projects') ?? {};
  return Object.entries(projects)
    .filter(
      ([, project]) => isRecord(project) && (project['type'] ?? 'application') === 'application',
    )
    .map(([name]) => name)
    .sort();
}

function chooseProject(
  root: string,
  cli: NestCli,
  manifest: Manifest,
  projects: string[],
  monorepo: boolean,
  requested: string | undefined,
): { value: string; source: string; named: boolean; detail?: string } {
  if (requested !== undefined) {
    if (projects.includes(requested)) {
      return { value: requested, source: cli.file ?? 'default', named: true, detail: '--project' };
    }
    const known = projects.length > 0 ? `; projects: ${projects.join(', ')}` : '';
    throw new NestshipError(`no application project "${requested}" in nest-cli.json${known}`, {
      file: cli.file ?? 'nest-cli.json',
      hint: 'pass --project with one of the application projects',
    });
  }
  if (monorepo) {
    // The default project is the one whose root is the top-level root. The image builds it by name
    // (`nest build api`), so its own settings apply, as they do for --project.
    const topRoot = stringAt(cli.raw, 'root');
    const projectsRecord = recordAt(cli.raw, 'projects') ?? {};
    const match = projects.find(
      (name) => stringAt(recordAt(projectsRecord, name), 'root') === topRoot,
    );
    return {
      value: match ?? path.basename(topRoot ?? 'app'),
      source: cli.file ?? 'default',
      named: match !== undefined,
      detail: `default project (root ${topRoot ?? 'unset'})`,
    };
  }
  return {
    value: manifest.name ?? path.basename(root),
    source: manifest.file,
    named: false,
    detail: 'standard mode',
  };
}

/** `projects.<app>.<key>` first, then the top-level `<key>`, then the Nest CLI default. */
function lookup<T>(
  cli: NestCli,
  appName: string | undefined,
  key: string,
  fallback: T,
  read: (value: unknown) => T | undefined,
): Setting<T> {
  const keys = key.split('.');
  const at = (object: unknown): unknown =>
    keys.reduce<unknown>((node, part) => (isRecord(node) ? node[part] : undefined), object);
  if (appName !== undefined) {
    const own = read(at(recordAt(recordAt(cli.raw, 'projects'), appName)));
    if (own !== undefined)
      return { value: own, source: cli.file as string, detail: `projects.${appName}.${key}` };
  }
  const top = read(at(cli.raw));
  if (top !== undefined) return { value: top, source: cli.file as string, detail: key };
  return { value: fallback, source: 'default' };
}

interface BuilderChoice extends Setting<NestBuilder> {
  /** Options given in the object form `{ type, options }`. */
  options: Record<string, unknown>;
  /** rspack and oxc write like webpack and swc; the name is kept for the printout. */
  name: string;
}

/** `compilerOptions.builder` as a string or `{ type, options }`; the legacy `webpack: true` flag. */
function readBuilder(cli: NestCli, appName: string | undefined): BuilderChoice {
  const raw = lookup<unknown>(cli, appName, 'compilerOptions.builder', undefined, (value) => value);
  const name =
    typeof raw.value === 'string'
      ? raw.value
      : isRecord(raw.value)
        ? stringAt(raw.value, 'type')
        : undefined;
  const options = isRecord(raw.value) ? (recordAt(raw.value, 'options') ?? {}) : {};
  if (name !== undefined) {
    const kind = BUILDER_KINDS[name];
    if (!kind) {
      throw new NestshipError(`unknown Nest builder "${name}"`, {
        file: raw.source,
        hint: 'use tsc, swc or webpack in compilerOptions.builder',
      });
    }
    const detail = name === kind ? raw.detail : `${name}, lays out output like ${kind}`;
    return { value: kind, source: raw.source, options, name, ...(detail ? { detail } : {}) };
  }
  const webpack = lookup(cli, appName, 'compilerOptions.webpack', false, asBoolean);
  if (webpack.value) {
    return {
      value: 'webpack',
      source: webpack.source,
      options: {},
      name: 'webpack',
      detail: 'compilerOptions.webpack',
    };
  }
  if (webpack.source !== 'default') {
    return {
      value: 'tsc',
      source: webpack.source,
      options: {},
      name: 'tsc',
      detail: 'compilerOptions.webpack false',
    };
  }
  return { value: 'tsc', source: 'default', options: {}, name: 'tsc' };
}

const BUILDER_KINDS: Record<string, NestBuilder> = {
  tsc: 'tsc',
  // The Nest CLI's native builder runs the Go port of tsc; it places files as tsc does.
  native: 'tsc',
  swc: 'swc',
  oxc: 'swc',
  webpack: 'webpack',
  rspack: 'webpack',
};

/** `compilerOptions.tsConfigPath`, else tsconfig.build.json, else tsconfig.json. */
async function chooseTsconfig(
  root: string,
  cli: NestCli,
  appName: string | undefined,
): Promise<Fact<string>> {
  const configured = lookup(
    cli,
    appName,
    'compilerOptions.tsConfigPath',
    DEFAULT_TSCONFIG,
    asString,
  );
  const file = toPosix(configured.value);
  if (await isFile(path.join(root, file))) return { ...configured, value: file };
  if (configured.source === 'default' && (await isFile(path.join(root, 'tsconfig.json')))) {
    return { value: 'tsconfig.json', source: 'default', detail: 'no tsconfig.build.json' };
  }
  throw new NestshipError(`tsconfig ${file} does not exist`, {
    file: configured.source === 'default' ? file : configured.source,
    hint: 'create it (nestship init writes tsconfig.build.json) or fix compilerOptions.tsConfigPath',
  });
}

async function findEntrySource(
  root: string,
  sourceRoot: string,
  entryFile: string,
  cliFile: string | undefined,
): Promise<string> {
  const base = toPosix(path.join(sourceRoot, entryFile));
  for (const extension of ['.ts', '.mts', '.cts', '.js']) {
    if (await isFile(path.join(root, base + extension))) return base + extension;
  }
  throw new NestshipError(`entry file ${base}.ts does not exist`, {
    file: cliFile ?? `${base}.ts`,
    hint: cliFile
      ? 'set sourceRoot and entryFile in nest-cli.json to the file that calls NestFactory.create'
      : 'add nest-cli.json with sourceRoot and entryFile naming the file that calls NestFactory.create',
  });
}

interface Layout {
  outDir: Fact<string>;
  entryPath: Fact<string>;
}

async function compiledEntry(
  root: string,
  manifest: Manifest,
  builder: BuilderChoice,
  config: ResolvedTsconfig,
  entrySource: string,
  sourceRoot: string,
  projectRoot: string,
  entryFile: string,
  typescriptVersion: string | undefined,
): Promise<Layout> {
  if (builder.value === 'webpack') {
    // The Nest webpack defaults leave output.path at webpack's `dist` and name the bundle
    // `<project root>/<entryFile>.js`. A custom webpack.config.js can change both; it is not evaluated.
    const entryPath = toPosix(path.join('dist', projectRoot, `${entryFile}.js`));
    return {
      outDir: { value: 'dist', source: builder.source, detail: 'webpack default output.path' },
      entryPath: { value: entryPath, source: builder.source, detail: `${builder.name} bundle` },
    };
  }
  const outDirAbsolute = config.outDir?.value ?? path.join(root, 'dist');
  const outDirFact: Fact<string> = config.outDir
    ? {
        value: relativeTo(root, config.outDir.value),
        source: config.outDir.file,
        detail: 'compilerOptions.outDir',
      }
    : { value: 'dist', source: 'default', detail: `no outDir in ${config.file}` };

  if (builder.value === 'swc') {
    // swc compiles the source root with stripLeadingPaths, which drops the first folder of each path.
    const outDir = stringAt(builder.options, 'outDir');
    const strip = builder.options['stripLeadingPaths'] !== false;
    const relativeSource = strip ? stripFirstFolder(entrySource) : entrySource;
    const base = outDir ? path.resolve(root, outDir) : outDirAbsolute;
    return {
      outDir: outDir
        ? {
            value: relativeTo(root, base),
            source: builder.source,
            detail: 'builder options outDir',
          }
        : outDirFact,
      entryPath: {
        value: relativeTo(root, path.join(base, toJs(relativeSource))),
        source: builder.source,
        detail: 'swc, leading folder stripped',
      },
    };
  }

  // tsc: output mirrors the sources below rootDir.
  const rootDir = await effectiveRootDir(root, manifest, config, typescriptVersion, sourceRoot);
  const entryAbsolute = path.join(root, entrySource);
  const below = path.relative(rootDir.value, entryAbsolute);
  const entryPath = relativeTo(root, path.join(outDirAbsolute, toJs(below)));
  return {
    outDir: outDirFact,
    entryPath: { value: entryPath, source: rootDir.source, detail: rootDir.detail },
  };
}

/**
 * rootDir as tsc sees it. Explicit wins. TypeScript 6 and later default to the config's folder; before
 * that, the common folder of all compiled files, which is where `dist/src/main.js` comes from.
 */
async function effectiveRootDir(
  root: string,
  manifest: Manifest,
  config: ResolvedTsconfig,
  typescriptVersion: string | undefined,
  sourceRoot: string,
): Promise<{ value: string; source: string; detail: string }> {
  if (config.rootDir) {
    return {
      value: config.rootDir.value,
      source: config.rootDir.file,
      detail: `rootDir ${relativeTo(root, config.rootDir.value)}`,
    };
  }
  const typescript = typescriptMajor(manifest, typescriptVersion);
  const inputs = await listInputFiles(config);
  const common = commonDirectory(inputs) ?? config.configDir;
  if (typescript !== undefined && typescript >= 6) {
    // TypeScript 6 roots output at the config's folder. When the sources share a deeper folder it still
    // emits there but fails the build with TS5011, so the detail says to set rootDir.
    const fails = common !== config.configDir;
    return {
      value: config.configDir,
      source: config.file,
      detail: fails
        ? `TypeScript ${typescript} roots output at the folder of ${config.file} and fails with TS5011; set rootDir`
        : `TypeScript ${typescript} roots output at the folder of ${config.file}`,
    };
  }
  const rel = relativeTo(root, common);
  const pulledUp = inferredReason(root, inputs, sourceRoot);
  return {
    value: common,
    source: config.file,
    detail: `rootDir inferred as ${rel}${pulledUp ? ` because ${pulledUp} is compiled` : ''}`,
  };
}

/**
 * The first compiled file outside the source root (a seed script, prisma.config.ts, a library reached
 * through a paths alias): what drags an inferred rootDir above it.
 */
function inferredReason(
  root: string,
  inputs: readonly string[],
  sourceRoot: string,
): string | undefined {
  const prefix = `${toPosix(path.normalize(sourceRoot))}/`;
  return inputs.map((file) => relativeTo(root, file)).find((file) => !file.startsWith(prefix));
}

function typescriptMajor(manifest: Manifest, exact: string | undefined): number | undefined {
  if (exact && semver.valid(exact)) return semver.major(exact);
  const range = declared(manifest, 'typescript')?.range;
  if (!range || semver.validRange(range) === null) return undefined;
  return semver.minVersion(range)?.major;
}

/**
 * CJS or ESM output. `module: nodenext` (and node16/18/20) follows package.json "type"; `commonjs` is
 * CJS; the `es*` values are ESM. Without a setting, tsc emits CommonJS for Nest's usual targets.
 */
function moduleSystem(
  manifest: Manifest,
  config: ResolvedTsconfig,
  builder: NestBuilder,
): Fact<ModuleSystem> {
  const type = stringAt(manifest.raw, 'type');
  const packageSystem: ModuleSystem = type === 'module' ? 'esm' : 'cjs';
  const module = config.module;
  if (builder === 'swc') {
    // Nest's swc defaults emit CommonJS unless a .swcrc says otherwise; "type" still decides how node loads it.
    return {
      value: packageSystem,
      source: manifest.file,
      detail: type ? `"type": "${type}"` : 'no "type" field',
    };
  }
  if (!module)
    return { value: packageSystem, source: manifest.file, detail: 'no module option in tsconfig' };
  if (module.value === 'commonjs')
    return { value: 'cjs', source: module.file, detail: 'module commonjs' };
  if (/^node(16|18|20|next)$/.test(module.value)) {
    return {
      value: packageSystem,
      source: manifest.file,
      detail: `"type": ${type ? `"${type}"` : 'unset'} with module ${module.value}`,
    };
  }
  if (/^es(\d+|next|6)$/.test(module.value) || module.value === 'preserve') {
    return { value: 'esm', source: module.file, detail: `module ${module.value}` };
  }
  return { value: 'cjs', source: module.file, detail: `module ${module.value}` };
}

function buildScript(manifest: Manifest): Fact<string> {
  if (manifest.scripts['build'] !== undefined) {
    return { value: 'build', source: manifest.file, detail: manifest.scripts['build'] };
  }
  return {
    value: 'build',
    source: 'default',
    detail: 'no "build" script; add "build": "nest build"',
  };
}

/** `src/main.ts` -> `main.ts`, `apps/api/src/main.ts` -> `api/src/main.ts`, as swc's stripLeadingPaths does. */
function stripFirstFolder(file: string): string {
  const parts = toPosix(file)
    .split('/')
    .filter((part) => part !== '..' && part !== '.');
  return parts.length > 1 ? parts.slice(1).join('/') : parts.join('/');
}

function toJs(file: string): string {
  return toPosix(file)
    .replace(/\.mts$/, '.mjs')
    .replace(/\.cts$/, '.cjs')
    .replace(/\.tsx?$/, '.js');
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}
