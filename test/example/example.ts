// Shared steps of the tests on the bundled example, examples/nest-prisma-api: install it from
// its lockfile, generate its Prisma client, build it, and apply its migrations with psql.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const EXAMPLE_DIR = resolve(import.meta.dirname, '..', '..', 'examples', 'nest-prisma-api');

/**
 * `prisma generate` never starts the schema engine, but the CLI downloads it first unless told
 * where one is; Prisma's servers are out of reach on the test machines, so any file will do.
 */
export const OFFLINE_PRISMA_ENV = { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false' };

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end and resolves with its exit code and output (never rejects on a code). */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? EXAMPLE_DIR,
      env: options.env ?? process.env,
      // stdin is a pipe only when there is input: a command that exits without reading it (ss)
      // would otherwise turn the write into an EPIPE error.
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr }),
    );
    if (options.input !== undefined && child.stdin) {
      // A command that fails early closes its stdin; its exit code reports that, not EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}

async function mustRun(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const result = await run(command, args, { env });
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(
      `${command} ${args.join(' ')} failed in ${EXAMPLE_DIR} (exit ${result.code}):\n${tail}`,
    );
  }
}

// Written after a successful `npm ci`: the lockfile's hash, so a later run installs again only
// when the lockfile changed (file times are no guide: npm writes its own marker first).
const INSTALL_MARKER = join(EXAMPLE_DIR, 'node_modules', '.nestship-installed');

function lockfileHash(): string {
  return createHash('sha256')
    .update(readFileSync(join(EXAMPLE_DIR, 'package-lock.json')))
    .digest('hex');
}

function installed(): boolean {
  return existsSync(INSTALL_MARKER) && readFileSync(INSTALL_MARKER, 'utf8') === lockfileHash();
}

let prepared: Promise<void> | undefined;

/** `npm ci` (only when node_modules is missing or older than the lockfile), generate, build. */
export function prepareExample(): Promise<void> {
  prepared ??= (async () => {
    if (!installed()) {
      // One retry: a shared npm cache now and then loses a tarball under a concurrent install.
      await mustRun('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']).catch(() =>
        mustRun('npm', ['ci', '--no-audit', '--no-fund']),
      );
      writeFileSync(INSTALL_MARKER, lockfileHash());
    }
    await mustRun('npx', ['prisma', 'generate'], { ...process.env, ...OFFLINE_PRISMA_ENV });
    await mustRun('npm', ['run', 'build']);
  })();
  return prepared;
}

/** The committed migrations, oldest first, as paths relative to the example. */
export function migrationFiles(): string[] {
  const dir = join(EXAMPLE_DIR, 'prisma', 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join('prisma', 'migrations', entry.name, 'migration.sql'))
    .sort();
}

/**
 * Applies migration SQL with psql, one transaction per file, stopping at the first error. This
 * stands in for `prisma migrate deploy`, whose native schema engine is downloaded from Prisma's
 * servers, which the test machines cannot reach; the SQL applied is the same.
 */
export async function applySql(url: string, sql: string): Promise<void> {
  const result = await run(
    'psql',
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-d', url, '-f', '-'],
    { input: sql },
  );
  if (result.code !== 0)
    throw new Error(`psql could not apply the migration: ${result.stderr.trim()}`);
}

export { exec };
