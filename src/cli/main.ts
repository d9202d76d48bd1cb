import { NestshipError } from '../errors.js';

const USAGE = `nestship: production container setups for NestJS services

Usage:
  nestship init [dir]     detect the project and write its container setup
  nestship check [dir]    lint the Dockerfile, .dockerignore and project files
  nestship verify [dir]   build the image on a real engine and prove it

Run 'nestship <command> --help' for the options of a command.
Exit codes: 0 clean, 1 findings at or above the threshold, 2 could not run.`;

type Command = (argv: string[]) => Promise<number>;

/** Each command lives in its own module and is loaded only when it runs, to keep start-up small. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./init.js')).run,
  check: async () => (await import('./check.js')).run,
  verify: async () => (await import('./verify.js')).run,
};

/** Runs the CLI and returns the exit code; never calls process.exit. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`nestship: unknown command '${name}'; run 'nestship --help' for the commands\n`);
    return 2;
  }
  const debug = rest.includes('--debug') || /\bnestship\b/.test(process.env.DEBUG ?? '');
  try {
    const command = await load();
    return await command(rest.filter((arg) => arg !== '--debug'));
  } catch (error) {
    return reportError(error, debug);
  }
}

/** A known failure is one line; anything else is a bug and keeps its stack under --debug. */
function reportError(error: unknown, debug: boolean): number {
  if (error instanceof NestshipError) {
    process.stderr.write(`nestship: ${error.oneLine()}\n`);
    if (debug && error.cause) process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return 2;
  }
  const err = error as Error;
  process.stderr.write(`nestship: internal error: ${err?.message ?? String(error)}\n`);
  if (debug) process.stderr.write(`${err?.stack ?? ''}\n`);
  else process.stderr.write('nestship: run again with --debug for the stack trace\n');
  return 2;
}
