import { parseArgs } from 'node:util';
import { NestshipError } from '../errors.js';
import { projectDir } from './project-dir.js';

const USAGE = `Usage: nestship check [dir] [options]

Lint the Dockerfile, .dockerignore and project files of a NestJS service.

Options:
  --file FILE          the Dockerfile, relative to dir (default: Dockerfile)
  --project NAME       the Nest monorepo project the image is for (default: the one init used)
  --format FORMAT      pretty, json, sarif or github (default: pretty)
  --config FILE        use this config file instead of searching for .nestship.json
  --threshold LEVEL    fail on findings at or above error, warning, info or none (default: warning)
  --no-fail            exit 0 even when findings reach the threshold
  --fix                apply the safe fixes the findings carry; report what is left
  --dry-run            with --fix: print the diff and write nothing (the report and exit code
                       are what --fix would leave, as with eslint --fix-dry-run)
  --help               show this help

Pragmas in the Dockerfile:
  # nestship ignore=NS104,NS110      the next instruction
  # nestship stage ignore=NS120      the rest of the stage
  # nestship global ignore=NS201     the whole check

Exit codes: 0 clean, 1 findings at or above the threshold, 2 could not run.`;

const OPTIONS = {
  file: { type: 'string' },
  project: { type: 'string' },
  format: { type: 'string', default: 'pretty' },
  config: { type: 'string' },
  threshold: { type: 'string' },
  'no-fail': { type: 'boolean', default: false },
  fix: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * `nestship check`: flags in, the library runs, a reporter writes stdout, the exit code comes back.
 * The library and the reporters are imported only after the flags parse, so `--help` and flag errors
 * stay instant and the start-up cost is only what a real run needs.
 */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dir = projectDir(positionals, 'check');
  const [{ check, THRESHOLDS }, report] = await Promise.all([
    import('../check/index.js'),
    import('../report/index.js'),
  ]);
  const format = values.format;
  if (!report.isFormat(format)) {
    throw new NestshipError(`unknown format '${format}'`, {
      hint: `use one of ${report.FORMATS.join(', ')}`,
    });
  }
  const threshold = values.threshold;
  if (threshold !== undefined && !(THRESHOLDS as readonly string[]).includes(threshold)) {
    throw new NestshipError(`unknown threshold '${threshold}'`, {
      hint: `use one of ${THRESHOLDS.join(', ')}`,
    });
  }
  if (values['dry-run'] && !values.fix) {
    throw new NestshipError('--dry-run only applies to --fix', {
      hint: 'add --fix to preview the fixes',
    });
  }

  // Run the check; a bad config or a missing Dockerfile throws and main prints one line, exit 2.
  const result = await check(dir, {
    ...(values.file === undefined ? {} : { file: values.file }),
    ...(values.project === undefined ? {} : { project: values.project }),
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(threshold === undefined ? {} : { threshold: threshold as (typeof THRESHOLDS)[number] }),
    fix: values.fix,
    dryRun: values['dry-run'],
  });

  // Say what --fix did on stderr; under --dry-run the diff is the result, so it goes to stdout unless
  // stdout carries a machine format that a diff would corrupt.
  if (values.fix) await describeFixes(result, values['dry-run'], format === 'pretty');
  // A silenced finding is still a decision someone made; say how many, where a person reads.
  if (result.suppressed > 0) {
    const n = result.suppressed;
    process.stderr.write(
      `nestship: ${n} finding${n === 1 ? '' : 's'} silenced by pragmas or config\n`,
    );
  }

  // The findings, in the chosen format, on stdout.
  process.stdout.write(
    report.formatReport(result.report, format, {
      color: report.shouldColor(process.stdout),
      ...(process.env.GITHUB_WORKSPACE ? { workspace: process.env.GITHUB_WORKSPACE } : {}),
    }),
  );
  return values['no-fail'] ? 0 : result.exitCode;
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // util.parseArgs explains the bad flag well; make it a one-line usage error (exit 2).
    throw new NestshipError((error as Error).message, {
      hint: 'run `nestship check --help`',
      cause: error,
    });
  }
}

async function describeFixes(
  result: import('../check/index.js').CheckResult,
  dryRun: boolean,
  diffToStdout: boolean,
): Promise<void> {
  if (result.fixes.length === 0) {
    process.stderr.write('nestship: nothing to fix\n');
    return;
  }
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = await import('diff');
  for (const plan of result.fixes) {
    const verb = dryRun ? 'would fix' : 'fixed';
    for (const finding of plan.fixed) {
      const line = finding.location.line === undefined ? '' : `:${finding.location.line}`;
      process.stderr.write(`nestship: ${verb} ${finding.id} at ${plan.file}${line}\n`);
    }
    for (const finding of plan.skipped) {
      process.stderr.write(
        `nestship: left ${finding.id} at ${plan.file}: its fix overlaps another; run --fix again\n`,
      );
    }
    if (dryRun) {
      // git's `a/` and `b/` prefixes, so `git apply` and patch -p1 take the diff as it is.
      const patch = createTwoFilesPatch(
        `a/${plan.file}`,
        `b/${plan.file}`,
        plan.before,
        plan.after,
        '',
        '',
        {
          headerOptions: FILE_HEADERS_ONLY,
        },
      );
      (diffToStdout ? process.stdout : process.stderr).write(`${patch}\n`);
    }
  }
}
