/**
 * `nestship init [dir]`: a thin shell over `init()`. Detected facts and one status line per file go
 * to stdout; diffs with --dry-run; warnings and the conflict line to stderr. Exit 0 when written or
 * nothing to do, 2 when a conflict (or bad input) stopped it.
 */
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { NestshipError } from '../errors.js';
import { projectDir } from './project-dir.js';
import { diffs, init, type FileStatus, type InitOptions, type InitResult } from '../init/index.js';

const HELP = `Usage: nestship init [dir] [options]

Detects the NestJS project in dir (default: .) and writes its production container setup.

Options:
  --dry-run          print unified diffs and write nothing
  --force            overwrite files changed since nestship wrote them
  --base IMAGE       alpine, slim, or a full image reference for FROM
  --project NAME     the Nest monorepo project to build
  --port N           the port the service listens on
  --ci github        also write a GitHub Actions workflow with a registry build cache
  --k8s              also write Kubernetes manifests
  --format FORMAT    pretty (default) or json

The options are saved in .nestship.json; a later run without them writes the same files.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      base: { type: 'string' },
      project: { type: 'string' },
      port: { type: 'string' },
      ci: { type: 'string' },
      k8s: { type: 'boolean' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const dir = projectDir(positionals, 'init');
  if (values.ci !== undefined && values.ci !== 'github') {
    throw new NestshipError(`--ci ${values.ci} is not supported`, { hint: 'the supported CI is github' });
  }
  const format = values.format ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') {
    throw new NestshipError(`--format ${format} is not supported`, { hint: 'use pretty or json' });
  }
  const options: InitOptions = {
    dryRun: values['dry-run'],
    force: values.force,
    base: values.base,
    project: values.project,
    port: values.port === undefined ? undefined : parsePort(values.port),
    ci: values.ci as 'github' | undefined,
    k8s: values.k8s,
  };

  // Progress only where a person watches; piped stderr stays one line per problem.
  if (process.stderr.isTTY) process.stderr.write('nestship: detecting the project\n');
  const result = await init(dir, options);
  if (format === 'json') process.stdout.write(`${JSON.stringify(jsonView(result), null, 2)}\n`);
  else printPretty(result, options.dryRun ?? false);
  for (const warning of result.warnings) process.stderr.write(`nestship: warning: ${warning}\n`);

  const [conflict] = result.conflicts;
  if (conflict && !options.dryRun) {
    process.stderr.write(
      `nestship: ${conflict.path}: ${conflict.reason ?? 'changed'}; nothing was written. ` +
        'Review with --dry-run, then keep your change or overwrite with --force\n',
    );
    return 2;
  }
  return 0;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new NestshipError(`--port ${text} is not a TCP port`, { hint: 'pass a number from 1 to 65535' });
  }
  return port;
}

const COLOURS: Record<FileStatus, (text: string) => string> = {
  create: pc.green,
  identical: pc.dim,
  update: pc.cyan,
  conflict: pc.red,
  keep: pc.dim,
};

function printPretty(result: InitResult, dryRun: boolean): void {
  const out: string[] = ['detected:', ...result.detected.map((line) => `  ${line}`), ''];
  if (dryRun) out.push(...diffs(result));
  for (const file of result.files) {
    const label = file.status === 'conflict' && file.write ? 'overwrite' : file.status;
    const reason = file.reason && file.status !== 'conflict' ? pc.dim(`  (${file.reason})`) : '';
    out.push(`${COLOURS[file.status](label.padStart(10))}  ${file.path}${reason}`);
  }
  if (dryRun) out.push('', 'dry run: nothing was written');
  process.stdout.write(`${out.join('\n')}\n`);
}

function jsonView(result: InitResult): unknown {
  return {
    root: result.root,
    written: result.written,
    options: result.options,
    detected: result.detected,
    files: result.files.map((file) => ({ path: file.path, status: file.status, reason: file.reason, write: file.write })),
    conflicts: result.conflicts.map((file) => file.path),
    warnings: result.warnings,
    profile: result.profile,
  };
}
