import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { DetectOptions } from '../detect/index.js';
import type { Profile } from '../detect/profile.js';
import { readState, STATE_PATH } from '../init/state.js';
import { NestshipError } from '../errors.js';
import {
  SEVERITY_RANK,
  type Finding,
  type Report,
  type RuleMeta,
  type Severity,
} from '../findings.js';
import { DEFAULT_THRESHOLD, loadConfig, type CheckConfig, type Threshold } from './config.js';
import type { LintInput, RuleEngine } from './engine.js';
import { planFixes, readProjectFile, writeFixes, type FileFix } from './fix.js';
import { CHECK_RULES, PROJECT_NOT_DETECTED, UNKNOWN_PRAGMA_ID } from './own-rules.js';
import { isSuppressed, parsePragmas, type Pragma } from './pragmas.js';

export interface CheckOptions {
  /** The Dockerfile, relative to the project directory (default `Dockerfile`). */
  file?: string;
  /**
   * The Nest monorepo project the image is for. Defaults to the one `nestship init` was run with (kept
   * in `.nestship.json`), then to nest-cli.json's default project.
   */
  project?: string;
  /** A config file to use instead of searching for `.nestship.json`. */
  config?: string;
  /** Overrides the config's `failureThreshold`. */
  threshold?: Threshold;
  /** Apply the safe fixes the findings carry. */
  fix?: boolean;
  /** With `fix`: compute the fixes and their diff, write nothing. */
  dryRun?: boolean;
}

export interface CheckResult {
  /** The findings left after pragmas, `ignored` and fixes, at their configured severity. */
  report: Report;
  /** The threshold in force and whether the findings reach it. */
  threshold: Threshold;
  failed: boolean;
  /** 0 clean, 1 findings at or above the threshold. (2 is a thrown NestshipError.) */
  exitCode: 0 | 1;
  /** The config file used, absolute; undefined when none applies. */
  configFile: string | undefined;
  /** Findings silenced by a pragma or `ignored`, for `--debug` style summaries. */
  suppressed: number;
  /** What `fix` changed (or would change under `dryRun`). */
  fixes: FileFix[];
  /** Whether the fixes were written to disk. */
  fixesWritten: boolean;
}

/**
 * Lint a project's container setup with the real rule catalogue. This is the library API behind
 * `nestship check`; a bad project or config throws `NestshipError` (the CLI's exit 2).
 */
export async function check(root: string, options: CheckOptions = {}): Promise<CheckResult> {
  const { loadRuleEngine } = await import('./rules-engine.js');
  return runCheck(root, options, await loadRuleEngine());
}

/** The steps of a check, with the rule engine passed in. */
export async function runCheck(
  rootArg: string,
  options: CheckOptions,
  engine: RuleEngine,
): Promise<CheckResult> {
  const root = resolve(rootArg);
  if (!existsSync(root)) {
    throw new NestshipError('no such directory', {
      file: rootArg,
      hint: 'pass the project directory',
    });
  }
  if (!statSync(root).isDirectory()) {
    // `nestship check Dockerfile.prod` is a natural guess; point at the flag that does it.
    throw new NestshipError('is a file, not a project directory', {
      file: rootArg,
      hint: 'pass the project directory, and --file for a Dockerfile with another name',
    });
  }

  // Configuration first: a broken config must stop the run before anything is reported or fixed.
  const rules: RuleMeta[] = [...CHECK_RULES, ...engine.rules];
  const known = new Set(rules.map((rule) => rule.id));
  const { config, path: configFile } = loadConfig(root, known, options.config);

  // The Dockerfile is the one file check cannot do without.
  const dockerfile = projectRelative(root, options.file ?? 'Dockerfile');
  const dockerfilePath = resolve(root, dockerfile);
  if (!existsSync(dockerfilePath) || !statSync(dockerfilePath).isFile()) {
    throw new NestshipError('no Dockerfile here', {
      file: dockerfile,
      hint: 'run `nestship init` to write one, or pass --file',
    });
  }
  const text = readFileSync(dockerfilePath, 'utf8');
  const dockerignorePath = resolve(root, '.dockerignore');
  const dockerignore = existsSync(dockerignorePath)
    ? readFileSync(dockerignorePath, 'utf8')
    : undefined;

  // The project's facts, detected with the choices init was run with, so check judges the Dockerfile
  // against the same project and base; without facts the Dockerfile rules still run and a finding
  // says why.
  const saved = savedInitOptions(root);
  const project = options.project ?? saved.project;
  const { profile, notice } = await detectOrExplain(
    root,
    {
      ...(project === undefined ? {} : { project }),
      ...(saved.base === undefined ? {} : { base: saved.base }),
    },
    options.project !== undefined,
  );
  const input: LintInput = { root, dockerfile, text, dockerignore, profile };
  let result = await lintAndFilter(engine, input, config, notice, known);

  // Fixes apply to what is still reported: an ignored finding is not the user's wish to change.
  // Only the two files the rules read from memory are fixed, so the re-lint below sees the result.
  let fixes: FileFix[] = [];
  let fixesWritten = false;
  if (options.fix) {
    const fixable = new Set([dockerfile, '.dockerignore']);
    fixes = planFixes(
      result.findings.filter((finding) => fixable.has(finding.location.file)),
      readProjectFile(root),
    );
    if (!options.dryRun && fixes.length > 0) {
      writeFixes(root, fixes);
      fixesWritten = true;
    }

    // Report what is left by linting the fixed text again, whether it was written or not.
    if (fixes.length > 0) {
      const fixed = (file: string) => fixes.find((plan) => plan.file === file)?.after;
      result = await lintAndFilter(
        engine,
        {
          ...input,
          text: fixed(dockerfile) ?? text,
          dockerignore: fixed('.dockerignore') ?? dockerignore,
        },
        config,
        notice,
        known,
      );
    }
  }

  // The exit code is a contract: 1 only when something at or above the threshold is left.
  const threshold = options.threshold ?? config.failureThreshold ?? DEFAULT_THRESHOLD;
  const failed = reachesThreshold(result.findings, threshold);
  return {
    report: { tool: 'check', root, findings: result.findings, passes: [], rules } satisfies Report,
    threshold,
    failed,
    exitCode: failed ? 1 : 0,
    configFile,
    suppressed: result.suppressed,
    fixes,
    fixesWritten,
  };
}

/** Run the rules, then drop what pragmas and `ignored` silence, then apply severity overrides. */
async function lintAndFilter(
  engine: RuleEngine,
  input: LintInput,
  config: CheckConfig,
  notice: Finding | undefined,
  known: ReadonlySet<string>,
): Promise<{ findings: Finding[]; suppressed: number }> {
  const pragmas = parsePragmas(input.text);
  const raw = [
    ...(notice ? [notice] : []),
    ...unknownPragmaIds(pragmas, input, known),
    ...(await engine.lint(input)),
  ];
  const ignored = new Set(config.ignored);
  const kept = raw.filter(
    (finding) => !ignored.has(finding.id) && !isSuppressed(finding, pragmas, input.dockerfile),
  );
  const overrides = new Map<string, Severity>();
  for (const severity of ['error', 'warning', 'info'] as const) {
    for (const id of config.override[severity] ?? []) overrides.set(id, severity);
  }
  const findings = kept.map((finding) => {
    const severity = overrides.get(finding.id);
    return severity && severity !== finding.severity ? { ...finding, severity } : finding;
  });
  return { findings, suppressed: raw.length - kept.length };
}

/**
 * Detection problems (no lockfile, unreadable nest-cli.json, ...) are NestshipErrors; check turns
 * them into one info finding instead of stopping, since the Dockerfile is still worth linting. When
 * the user named the project on the command line, a failure is theirs to fix first (exit 2): a typo
 * must not quietly turn the project rules off.
 */
async function detectOrExplain(
  root: string,
  choices: DetectOptions,
  explicit: boolean,
): Promise<{ profile: Profile | undefined; notice: Finding | undefined }> {
  const { detectProfile } = await import('../detect/index.js');
  try {
    return { profile: await detectProfile(root, choices), notice: undefined };
  } catch (error) {
    if (!(error instanceof NestshipError) || explicit) throw error;
    const notice: Finding = {
      id: PROJECT_NOT_DETECTED.id,
      severity: PROJECT_NOT_DETECTED.severity,
      message: `The project could not be detected (${error.oneLine()}), so only the Dockerfile rules ran.`,
      location: { file: error.file ?? 'package.json' },
    };
    return { profile: undefined, notice };
  }
}

/** A pragma naming an id no rule has would silently silence nothing; say so at the id. */
function unknownPragmaIds(
  pragmas: readonly Pragma[],
  input: LintInput,
  known: ReadonlySet<string>,
): Finding[] {
  const lines = input.text.split(/\r\n|\r|\n/);
  return pragmas.flatMap((pragma) =>
    pragma.ids
      .filter((id) => !known.has(id))
      .map((id): Finding => {
        const column = (lines[pragma.line - 1] ?? '').toUpperCase().indexOf(id) + 1;
        return {
          id: UNKNOWN_PRAGMA_ID.id,
          severity: UNKNOWN_PRAGMA_ID.severity,
          message: `The pragma names ${id}, which is not a nestship rule, so it silences nothing.`,
          location: {
            file: input.dockerfile,
            line: pragma.line,
            column,
            endLine: pragma.line,
            endColumn: column + id.length,
          },
        };
      }),
  );
}

/**
 * The options `nestship init` saved under `"init"` in the project's `.nestship.json`. Only read, never
 * written; a broken section is init's to report, so it counts as none here.
 */
function savedInitOptions(root: string): { project?: string; base?: string } {
  const path = resolve(root, STATE_PATH);
  if (!existsSync(path)) return {};
  try {
    return readState(readFileSync(path, 'utf8')).options;
  } catch (error) {
    if (error instanceof NestshipError) return {};
    throw error;
  }
}

export function reachesThreshold(findings: readonly Finding[], threshold: Threshold): boolean {
  if (threshold === 'none') return false;
  return findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[threshold]);
}

/** `--file` is taken relative to the project; the report names it with forward slashes. */
function projectRelative(root: string, file: string): string {
  const absolute = isAbsolute(file) ? file : resolve(root, file);
  return relative(root, absolute).split(sep).join('/');
}
