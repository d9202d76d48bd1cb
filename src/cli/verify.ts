import { parseArgs } from 'node:util';
import { NestshipError } from '../errors.js';
import { projectDir } from './project-dir.js';

const USAGE = `Usage: nestship verify [dir] [options]

Build the project's image on a real engine and prove it: the cache experiment, the runtime user,
PID 1, the entry file, the content of every layer, Prisma, start-up, read-only, SIGTERM, memory, size.

Options:
  --image TAG          verify this image instead of building one (no cache experiment)
  --target STAGE       build this target (migrate: the Prisma CLI is expected)
  --file FILE          the Dockerfile, relative to dir (default: Dockerfile)
  --network MODE       network mode for build and run (default: host when the engine has no bridge)
  --env KEY=VALUE      environment for the container, repeatable (for example DATABASE_URL)
  --env-file FILE      environment file for the container, repeatable
  --build-arg K=V      build argument, repeatable
  --health PATH        the route that proves the service is up (default: detected, else any answer)
  --quick              change the source only in the cache experiment (skip the lockfile rebuild)
  --no-cache-experiment  skip the cache experiment
  --format FORMAT      pretty, json, sarif or github (default: pretty)
  --keep               keep the built image (its tag is printed)
  --help               show this help

Exit codes: 0 every check passed, 1 findings, 2 could not run (no engine, bad input).`;

const OPTIONS = {
  image: { type: 'string' },
  target: { type: 'string' },
  file: { type: 'string' },
  network: { type: 'string' },
  env: { type: 'string', multiple: true },
  'env-file': { type: 'string', multiple: true },
  'build-arg': { type: 'string', multiple: true },
  health: { type: 'string' },
  quick: { type: 'boolean', default: false },
  'no-cache-experiment': { type: 'boolean', default: false },
  format: { type: 'string', default: 'pretty' },
  keep: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * `nestship verify`: flags in, the library builds and probes, a reporter writes stdout (progress
 * went to stderr), and the exit code comes back: 1 when a finding reaches warning, as for check.
 */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dir = projectDir(positionals, 'verify');
  const report = await import('../report/index.js');
  if (!report.isFormat(values.format)) {
    throw new NestshipError(`unknown format '${values.format}'`, { hint: `use one of ${report.FORMATS.join(', ')}` });
  }
  const env = (values.env ?? []).map((pair) => checkedPair(pair, '--env'));
  const buildArgs = Object.fromEntries(
    (values['build-arg'] ?? []).map((pair) => {
      const checked = checkedPair(pair, '--build-arg');
      return [checked.slice(0, checked.indexOf('=')), checked.slice(checked.indexOf('=') + 1)];
    }),
  );

  const { verify, progressDisplay } = await import('../verify/index.js');
  const result = await verify(dir, {
    env,
    envFiles: values['env-file'] ?? [],
    buildArgs,
    keep: values.keep,
    cacheExperiment: values['no-cache-experiment'] ? 'off' : values.quick ? 'source' : 'full',
    progress: progressDisplay(process.stderr),
    ...(values.image === undefined ? {} : { image: values.image }),
    ...(values.target === undefined ? {} : { target: values.target }),
    ...(values.file === undefined ? {} : { dockerfile: values.file }),
    ...(values.network === undefined ? {} : { network: values.network }),
    ...(values.health === undefined ? {} : { healthPath: values.health }),
  });

  if (typeof result.figures?.image === 'string') process.stderr.write(`nestship: kept image ${result.figures.image}\n`);
  process.stdout.write(
    report.formatReport(result, values.format, {
      color: report.shouldColor(process.stdout),
      ...(process.env.GITHUB_WORKSPACE ? { workspace: process.env.GITHUB_WORKSPACE } : {}),
    }),
  );
  return result.findings.some((f) => f.severity !== 'info') ? 1 : 0;
}

function checkedPair(pair: string, flag: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(pair)) {
    throw new NestshipError(`${flag} ${pair} is not KEY=VALUE`, { hint: `write ${flag} NAME=value` });
  }
  return pair;
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new NestshipError((error as Error).message, { hint: 'run `nestship verify --help`', cause: error });
  }
}
