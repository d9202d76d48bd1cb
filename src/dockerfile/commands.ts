/**
 * What a shell command means to a Node project: a package-manager install, a script run, a build,
 * `prisma generate`, a one-off download. Rules ask these questions; the answers live here once.
 */
import type { Scope } from './expand.js';
import { argsOf, hasFlag, programOf, type ShellCommand, type ShellWord } from './shell.js';

export type Manager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface InstallCommand {
  manager: Manager;
  command: ShellCommand;
  /** The subcommand word (`install`, `ci`), or the program word for a bare `yarn`. */
  verb: ShellWord;
  /** Installs exactly the lockfile, failing when it is out of date. */
  strict: boolean;
  /** Skips devDependencies. */
  productionOnly: boolean;
  /** Skips optional dependencies (`--omit=optional`), which drops devOptional packages too. */
  omitsOptional: boolean;
  /** Names packages to add (`npm install express`), so it is no lockfile install at all. */
  addsPackages: boolean;
  global: boolean;
}

const MANAGERS = new Set<string>(['npm', 'pnpm', 'yarn', 'bun']);

/** Flags that take a separate value word, so the value is not mistaken for a package name. */
const VALUE_FLAGS = new Set(['--omit', '--include', '--prefix', '--registry', '--cache', '--only', '--filter', '-C', '--dir', '--cwd', '--mode']);

/** The words after the program that are not flags or flag values. */
export function positionals(command: ShellCommand): ShellWord[] {
  const out: ShellWord[] = [];
  const words = command.words;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!.value;
    if (w.startsWith('-')) {
      if (VALUE_FLAGS.has(w)) i++;
      continue;
    }
    out.push(words[i]!);
  }
  return out;
}

function envSays(command: ShellCommand, scope: Scope | undefined, name: string, value: string): boolean {
  const assigned = command.assignments.find((a) => a.value.startsWith(name + '='));
  if (assigned) return assigned.value.slice(name.length + 1) === value;
  return scope?.get(name) === value;
}

/** Recognise an install by npm, pnpm, yarn or bun; undefined for anything else. */
export function installOf(command: ShellCommand, scope?: Scope): InstallCommand | undefined {
  const program = programOf(command);
  if (!MANAGERS.has(program)) return undefined;
  const manager = program as Manager;
  const pos = positionals(command);
  const verbWord = pos[0];
  const verb = verbWord?.value;
  // `--include=dev` installs devDependencies whatever NODE_ENV says.
  const prodEnv = envSays(command, scope, 'NODE_ENV', 'production') && !hasFlag(command, '--include', 'dev');
  const base = {
    manager,
    command,
    omitsOptional: hasFlag(command, '--omit', 'optional') || hasFlag(command, '--no-optional'),
    global: hasFlag(command, '-g') || hasFlag(command, '--global') || verb === 'global',
  };
  if (manager === 'npm') {
    if (!verb || !['ci', 'clean-install', 'install', 'i', 'in', 'isntall', 'add'].includes(verb)) {
      return undefined;
    }
    return {
      ...base,
      verb: verbWord,
      strict: verb === 'ci' || verb === 'clean-install',
      productionOnly:
        hasFlag(command, '--omit', 'dev') ||
        hasFlag(command, '--production') ||
        hasFlag(command, '--only', 'prod') ||
        hasFlag(command, '--only', 'production') ||
        prodEnv,
      addsPackages: pos.length > 1,
    };
  }
  if (manager === 'yarn') {
    // Bare `yarn` installs; `yarn workspaces focus` is berry's install of one workspace.
    const focus = verb === 'workspaces' && pos[1]?.value === 'focus';
    if (verb !== undefined && verb !== 'install' && verb !== 'add' && !focus) return undefined;
    return {
      ...base,
      verb: verbWord ?? command.words[0]!,
      strict:
        hasFlag(command, '--frozen-lockfile') || hasFlag(command, '--immutable') || focus,
      productionOnly: hasFlag(command, '--production') || prodEnv,
      addsPackages: verb === 'add',
    };
  }
  if (!verb || !['install', 'i', 'add'].includes(verb)) return undefined;
  // pnpm installs frozen when CI is set; bun only with the flag.
  const ciFrozen = manager === 'pnpm' && (envSays(command, scope, 'CI', 'true') || envSays(command, scope, 'CI', '1'));
  return {
    ...base,
    verb: verbWord,
    strict: hasFlag(command, '--frozen-lockfile') || ciFrozen,
    productionOnly:
      hasFlag(command, '--prod') || hasFlag(command, '-P') || hasFlag(command, '--production') || prodEnv,
    addsPackages: verb === 'add' || pos.length > 1,
  };
}

/** A later command in the same RUN that removes devDependencies (`npm prune --omit=dev`). */
export function isProductionPrune(command: ShellCommand): boolean {
  const program = programOf(command);
  const pos = positionals(command).map((w) => w.value);
  if (program === 'npm' && pos[0] === 'prune') {
    return hasFlag(command, '--omit', 'dev') || hasFlag(command, '--production');
  }
  if (program === 'pnpm' && pos[0] === 'prune') return hasFlag(command, '--prod');
  if (program === 'pnpm' && pos[0] === 'deploy') return hasFlag(command, '--prod') || hasFlag(command, '-P');
  return false;
}

export interface ScriptCall {
  manager: Manager;
  script: string;
  /** The word naming the script (for positions). */
  word: ShellWord;
}

const BUILTIN_SUBCOMMANDS = new Set([
  'install', 'i', 'ci', 'add', 'remove', 'exec', 'dlx', 'x', 'prune', 'cache', 'config', 'fetch',
  'deploy', 'workspaces', 'workspace', 'dedupe', 'rebuild', 'link', 'pack', 'publish', 'set', 'why',
  'store', 'up', 'upgrade', 'outdated', 'audit', 'info', 'list', 'ls', 'init', 'create', 'import',
]);

/** `npm run X`, `npm start`, `yarn X`, `pnpm run X`, `bun run X` and the like. */
export function scriptCallOf(command: ShellCommand): ScriptCall | undefined {
  const program = programOf(command);
  if (!MANAGERS.has(program)) return undefined;
  const manager = program as Manager;
  const pos = positionals(command);
  const verb = pos[0];
  if (!verb) return undefined;
  if (['run', 'run-script', 'rum', 'urn'].includes(verb.value)) {
    const script = pos[1];
    return script ? { manager, script: script.value, word: script } : undefined;
  }
  if (['start', 'test', 'stop', 'restart'].includes(verb.value)) {
    return { manager, script: verb.value, word: verb };
  }
  // yarn, pnpm and bun run a script named as the first word; npm does not.
  if (manager !== 'npm' && manager !== 'bun' && !BUILTIN_SUBCOMMANDS.has(verb.value)) {
    return { manager, script: verb.value, word: verb };
  }
  return undefined;
}

/** The binary a runner starts: `npx prisma`, `pnpm exec nest`, `yarn prisma`, `node_modules/.bin/nest`. */
export function binaryOf(command: ShellCommand): { name: string; args: string[]; word: ShellWord } | undefined {
  const program = programOf(command);
  const pos = positionals(command);
  if (program === 'npx' || program === 'bunx' || program === 'pnpx') {
    return pos[0] ? { name: pos[0].value, args: pos.slice(1).map((w) => w.value), word: pos[0] } : undefined;
  }
  if ((program === 'pnpm' || program === 'yarn' || program === 'npm') && ['exec', 'dlx', 'x'].includes(pos[0]?.value ?? '')) {
    const bin = pos[1];
    return bin ? { name: bin.value, args: pos.slice(2).map((w) => w.value), word: bin } : undefined;
  }
  if (program === 'yarn' || program === 'pnpm') {
    const first = pos[0];
    if (first && !BUILTIN_SUBCOMMANDS.has(first.value) && first.value !== 'run') {
      return { name: first.value, args: pos.slice(1).map((w) => w.value), word: first };
    }
  }
  const word = command.words[0];
  if (!word) return undefined;
  return { name: program, args: argsOf(command), word };
}

/** `prisma generate` run any way (npx, pnpm exec, yarn, the bin path). */
export function isPrismaGenerate(command: ShellCommand): boolean {
  const bin = binaryOf(command);
  return bin?.name === 'prisma' && bin.args.includes('generate');
}

/** A command that downloads a package to run it: `npx` without a local bin, `pnpm dlx`, `bunx`. */
export function isDownloadRunner(command: ShellCommand): boolean {
  const program = programOf(command);
  const verb = positionals(command)[0]?.value;
  if (program === 'npx' || program === 'bunx' || program === 'pnpx') return true;
  return (program === 'pnpm' || program === 'yarn') && verb === 'dlx';
}

/** `npm run build`, `nest build`, `tsc`, or the project's own build script run any way. */
export function isBuildCommand(command: ShellCommand, buildScript = 'build'): boolean {
  const script = scriptCallOf(command);
  if (script) return script.script === buildScript;
  const bin = binaryOf(command);
  if (!bin) return false;
  return (bin.name === 'nest' && bin.args[0] === 'build') || bin.name === 'tsc';
}
