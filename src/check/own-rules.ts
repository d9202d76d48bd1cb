import type { RuleMeta } from '../findings.js';

/**
 * Findings that `check` itself raises rather than a rule: it could not learn the project, so the rules
 * that need the project's facts were skipped. They sit at the top of the NS0xx range, away from the
 * parser's own ids.
 */
export const PROJECT_NOT_DETECTED: RuleMeta = {
  id: 'NS090',
  name: 'project-not-detected',
  severity: 'info',
  summary: 'The project is detected, so the rules that need its facts can run.',
  why:
    'Many checks compare the Dockerfile with the project: the entry path from nest-cli.json and ' +
    'tsconfig, the package manager and its lockfile, Prisma, the HTTP adapter. When nestship cannot ' +
    'detect the project (no package.json, no lockfile, unreadable JSON), it still lints the Dockerfile ' +
    'on its own but cannot run those checks, and says why with this finding.',
  fix: 'Fix the problem the message names (for example add the lockfile), or run check from the project directory.',
};

export const UNKNOWN_PRAGMA_ID: RuleMeta = {
  id: 'NS091',
  name: 'unknown-pragma-id',
  severity: 'warning',
  summary: 'Every id in a `# nestship ignore=` pragma is a nestship rule id.',
  why:
    'A pragma that names an id no rule has silences nothing: a typo such as NS13 for NS103, or a ' +
    'hadolint code copied over, leaves the finding it was meant to silence in place, or hides that ' +
    'the rule it names was renamed. The config file rejects unknown ids outright; in the Dockerfile ' +
    'they are reported instead, so the rest of the check still runs.',
  fix: 'Correct the id (docs/rules/README.md lists them) or delete the pragma.',
};

export const CHECK_RULES: readonly RuleMeta[] = [PROJECT_NOT_DETECTED, UNKNOWN_PRAGMA_ID];
