import type { Profile } from '../detect/profile.js';
import type { Finding, RuleMeta } from '../findings.js';

/** What the rules need for one run: the Dockerfile text (which `--fix --dry-run` may not have written). */
export interface LintInput {
  root: string;
  /** Project-relative Dockerfile path with forward slashes. */
  dockerfile: string;
  text: string;
  /** `.dockerignore` text, undefined when the file is missing. */
  dockerignore: string | undefined;
  /** Undefined when detection failed; the Dockerfile rules still run. */
  profile: Profile | undefined;
}

/** The rule catalogue and a way to run it, as `check` sees it. */
export interface RuleEngine {
  rules: readonly RuleMeta[];
  lint(input: LintInput): Finding[] | Promise<Finding[]>;
}
