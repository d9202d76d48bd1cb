import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { NestshipError } from '../errors.js';
import type { Severity } from '../findings.js';

/**
 * The `"check"` section of `.nestship.json`. The same file holds `"init"`, written by `nestship init`;
 * check only ever reads its own key and never writes the file.
 */
export interface CheckConfig {
  /** Rule ids never reported. */
  ignored: string[];
  /** Rule ids reported at another severity than their default. */
  override: Partial<Record<Severity, string[]>>;
  /** The least severe finding that fails the run (exit 1); `none` never fails. */
  failureThreshold: Threshold | undefined;
}

export type Threshold = Severity | 'none';
export const THRESHOLDS: readonly Threshold[] = ['error', 'warning', 'info', 'none'];

/** Chosen over hadolint's `info`: an info finding is advice, and advice should not break a build. */
export const DEFAULT_THRESHOLD: Threshold = 'warning';

export const CONFIG_FILE = '.nestship.json';

export interface LoadedConfig {
  config: CheckConfig;
  /** Absolute path of the file it came from; undefined when no file has a `"check"` section. */
  path: string | undefined;
}

const EMPTY: CheckConfig = { ignored: [], override: {}, failureThreshold: undefined };
const KEYS = ['ignored', 'override', 'failureThreshold'] as const;

/**
 * Find and validate the configuration. `--config FILE` names it outright. Otherwise the search is
 * fixed: the project directory, then each parent up to the git root (the directory holding `.git`),
 * and the nearest `.nestship.json` that has a `"check"` key wins. A file with only `"init"` is passed
 * over, so a repository-wide check policy still applies to services that each ran `init`. Outside a git
 * repository only the project directory is read, so a stray file in a home directory never applies.
 */
export function loadConfig(
  root: string,
  knownIds: ReadonlySet<string>,
  explicit?: string,
): LoadedConfig {
  if (explicit !== undefined) {
    const path = resolve(explicit);
    if (!existsSync(path)) {
      throw new NestshipError(`config file not found`, {
        file: explicit,
        hint: 'check the --config path',
      });
    }
    const section = readSection(path, root);
    return { config: validate(section ?? {}, path, root, knownIds), path };
  }
  for (const dir of searchDirectories(root)) {
    const path = join(dir, CONFIG_FILE);
    if (!existsSync(path)) continue;
    const section = readSection(path, root);
    if (section !== undefined) return { config: validate(section, path, root, knownIds), path };
  }
  return { config: EMPTY, path: undefined };
}

/** The project directory, then its parents up to and including the git root. */
function searchDirectories(root: string): string[] {
  const chain: string[] = [];
  let dir = resolve(root);
  for (;;) {
    chain.push(dir);
    if (existsSync(join(dir, '.git'))) return chain;
    const parent = dirname(dir);
    if (parent === dir) return [resolve(root)];
    dir = parent;
  }
}

/** The raw `"check"` value, or undefined when the file has none. */
function readSection(path: string, root: string): unknown {
  // Read as init reads it (jsonc-parser: comments and trailing commas allowed), so one file is never
  // valid for one command and broken for the other.
  const text = readFileSync(path, 'utf8');
  const errors: ParseError[] = [];
  const document: unknown = parse(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) {
    const before = text.slice(0, first.offset).split(/\r\n|\r|\n/);
    const where = `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    throw configError(
      path,
      root,
      `is not valid JSON at ${where} (${printParseErrorCode(first.error)})`,
      'fix its syntax',
    );
  }
  if (!isPlainObject(document)) {
    throw configError(path, root, 'must hold a JSON object', 'wrap the settings in { }');
  }
  return document.check;
}

function validate(
  section: unknown,
  path: string,
  root: string,
  knownIds: ReadonlySet<string>,
): CheckConfig {
  const fail = (what: string, hint: string): never => {
    throw configError(path, root, what, hint);
  };
  if (!isPlainObject(section))
    fail('"check" must be an object', 'for example {"check": {"ignored": []}}');
  const check = section as Record<string, unknown>;

  // Unknown keys are errors, not silently ignored: a typo must not switch a rule back on unnoticed.
  for (const key of Object.keys(check)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      fail(`unknown key "check.${key}"`, `the keys are ${KEYS.join(', ')}`);
    }
  }

  const ignored = ruleIdList(check.ignored, 'check.ignored', knownIds, fail);

  const override: CheckConfig['override'] = {};
  if (check.override !== undefined) {
    if (!isPlainObject(check.override)) {
      fail('"check.override" must be an object', 'for example {"error": ["NS104"]}');
    }
    const seen = new Map<string, string>();
    for (const [level, ids] of Object.entries(check.override as Record<string, unknown>)) {
      if (level !== 'error' && level !== 'warning' && level !== 'info') {
        fail(`unknown key "check.override.${level}"`, 'the keys are error, warning, info');
      }
      const list = ruleIdList(ids, `check.override.${level}`, knownIds, fail);
      for (const id of list) {
        const earlier = seen.get(id);
        if (earlier) fail(`${id} is in both check.override.${earlier} and .${level}`, 'keep one');
        seen.set(id, level);
      }
      override[level as Severity] = list;
    }
  }

  let failureThreshold: Threshold | undefined;
  if (check.failureThreshold !== undefined) {
    if (!THRESHOLDS.includes(check.failureThreshold as Threshold)) {
      fail(
        `"check.failureThreshold" is ${JSON.stringify(check.failureThreshold)}`,
        `use one of ${THRESHOLDS.join(', ')}`,
      );
    }
    failureThreshold = check.failureThreshold as Threshold;
  }

  return { ignored, override, failureThreshold };
}

function ruleIdList(
  value: unknown,
  key: string,
  knownIds: ReadonlySet<string>,
  fail: (what: string, hint: string) => never,
): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    return fail(`"${key}" must be an array of rule ids`, 'for example ["NS104"]');
  return value.map((id, index) => {
    if (typeof id !== 'string')
      return fail(`"${key}[${index}]" must be a string`, 'use a rule id such as "NS104"');
    if (!knownIds.has(id)) {
      return fail(
        `"${key}[${index}]" names unknown rule "${id}"`,
        'see docs/rules/README.md for the ids',
      );
    }
    return id;
  });
}

function configError(path: string, root: string, what: string, hint: string) {
  return new NestshipError(what, { file: displayPath(path, root), hint });
}

/** The file as the user sees it from the project: `.nestship.json`, `../../.nestship.json`. */
function displayPath(path: string, root: string): string {
  const rel = relative(resolve(root), path);
  return rel === '' ? path : rel.split('\\').join('/');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
