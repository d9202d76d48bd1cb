/**
 * What each package manager needs inside a build: the files to copy before the install, how to
 * make the manager available, the lockfile-strict install, the production-only install, its cache
 * folder and how it runs a script. One table, so every template speaks each manager the same way.
 */
import type { PackageManagerName, Profile } from '../detect/profile.js';
import type { Instruction, Mount } from './dockerfile-model.js';
import type { ProjectFiles } from './input.js';

export interface PackageManagerPlan {
  name: PackageManagerName;
  /** Files and folders copied before the install, in a stable order. */
  manifests: string[];
  /** RUN steps that make the manager available; empty for npm, which ships with Node. */
  setup: string[];
  /** The lockfile-strict install of every dependency. */
  install: string;
  /** The lockfile-strict install of production dependencies only. */
  installProd: string;
  cache: Mount;
  /** The command that runs a package.json script with extra arguments. */
  runScript(script: string, args: string[]): string;
  /** The program and arguments of a script run in exec form (Dockerfile.local, compose). */
  runScriptArgv(script: string, args: string[]): string[];
}

/** The corepack release installed where Node no longer bundles it (Node 25 and later). */
export const COREPACK_VERSION = '0.36.0';

/** Files besides package.json and the lockfile that change what an install does, per manager. */
const INSTALL_CONFIG: Record<PackageManagerName, string[]> = {
  npm: [],
  pnpm: ['pnpm-workspace.yaml', '.pnpmfile.cjs'],
  'yarn-classic': [],
  'yarn-berry': ['.yarnrc.yml', '.yarn/releases', '.yarn/plugins', '.yarn/patches'],
  bun: ['bunfig.toml'],
};

/** Patch folders applied during the install (patch-package, pnpm and bun patches). */
const PATCH_FOLDERS = ['patches'];

export function packageManagerPlan(profile: Profile, files: ProjectFiles): PackageManagerPlan {
  const name = profile.packageManager.name.value;
  const lockfile = profile.packageManager.lockfile.value;
  const extra = [...INSTALL_CONFIG[name], ...PATCH_FOLDERS].filter((path) => files.exists(path));
  const manifests = ['package.json', lockfile, ...extra];
  const setup = setupSteps(profile);
  switch (name) {
    case 'npm':
      return {
        name,
        manifests,
        setup,
        install: 'npm ci',
        installProd: 'npm ci --omit=dev',
        cache: { type: 'cache', target: '/root/.npm' },
        runScript: (script, args) => ['npm run', script, ...(args.length ? ['--', ...args] : [])].join(' '),
        runScriptArgv: (script, args) => ['npm', 'run', script, ...(args.length ? ['--', ...args] : [])],
      };
    case 'pnpm':
      return {
        name,
        manifests,
        setup,
        install: 'pnpm install --frozen-lockfile --store-dir /pnpm/store',
        installProd: 'pnpm install --frozen-lockfile --prod --store-dir /pnpm/store',
        cache: { type: 'cache', id: 'pnpm-store', target: '/pnpm/store' },
        runScript: (script, args) => ['pnpm run', script, ...args].join(' '),
        runScriptArgv: (script, args) => ['pnpm', 'run', script, ...args],
      };
    case 'yarn-classic':
      return {
        name,
        manifests,
        setup,
        install: 'yarn install --frozen-lockfile',
        installProd: 'yarn install --frozen-lockfile --production',
        cache: { type: 'cache', id: 'yarn-classic', target: '/usr/local/share/.cache/yarn' },
        runScript: (script, args) => ['yarn run', script, ...args].join(' '),
        runScriptArgv: (script, args) => ['yarn', 'run', script, ...args],
      };
    case 'yarn-berry':
      return {
        name,
        manifests,
        setup,
        install: 'yarn install --immutable',
        // `workspaces focus` refuses --immutable; the deps stage has already checked the lockfile.
        installProd: 'yarn workspaces focus --all --production',
        cache: { type: 'cache', id: 'yarn-berry', target: '/root/.yarn/berry/cache' },
        runScript: (script, args) => ['yarn run', script, ...args].join(' '),
        runScriptArgv: (script, args) => ['yarn', 'run', script, ...args],
      };
    case 'bun':
      return {
        name,
        manifests,
        setup,
        install: 'bun install --frozen-lockfile',
        installProd: 'bun install --frozen-lockfile --production',
        cache: { type: 'cache', id: 'bun', target: '/root/.bun/install/cache' },
        runScript: (script, args) => ['bun run', script, ...args].join(' '),
        runScriptArgv: (script, args) => ['bun', 'run', script, ...args],
      };
  }
}

/**
 * Makes pnpm, yarn or bun available at the version the project pins. corepack reads the version
 * from `packageManager`; preparing it here, before package.json is copied, keeps the download in
 * a cached layer. Node 25 and later no longer bundle corepack, so it is installed from npm first.
 */
function setupSteps(profile: Profile): string[] {
  const name = profile.packageManager.name.value;
  const version = profile.packageManager.version?.value;
  if (name === 'npm') return [];
  if (name === 'bun') return [`npm install --global bun@${version ?? '1'}`];
  const tool = name === 'pnpm' ? 'pnpm' : 'yarn';
  const steps = profile.node.value >= 25 ? [`npm install --global corepack@${COREPACK_VERSION}`] : [];
  steps.push(`corepack enable ${tool}`);
  if (version) steps.push(`corepack prepare ${tool}@${version} --activate`);
  return steps;
}

/** How a package manager is named to people, for comments and printouts. */
export function packageManagerLabel(name: PackageManagerName): string {
  return { npm: 'npm', pnpm: 'pnpm', 'yarn-classic': 'yarn (classic)', 'yarn-berry': 'yarn (berry)', bun: 'bun' }[
    name
  ];
}

/** Folders among the install inputs: COPY flattens a folder's contents, so each gets its own COPY. */
const FOLDERS = new Set(['patches', '.yarn/releases', '.yarn/plugins', '.yarn/patches']);

/** COPY instructions for the install inputs: the files together, then each folder to its place. */
export function copyManifests(pm: PackageManagerPlan): Instruction[] {
  const plainFiles = pm.manifests.filter((path) => !FOLDERS.has(path));
  const folders = pm.manifests.filter((path) => FOLDERS.has(path));
  return [
    { op: 'COPY', sources: plainFiles, dest: './' },
    ...folders.map((folder): Instruction => ({ op: 'COPY', sources: [folder], dest: `./${folder}` })),
  ];
}
