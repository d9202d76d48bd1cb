import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** Names that say "secret" as a whole underscore-separated word. */
const SECRET_NAME = /(^|_)(TOKEN|SECRET|PASSWORD|PASSWD|PWD|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CREDENTIALS?|AUTH)(_|$)/i;
/** Names that point at a secret rather than hold it. */
const REFERENCE_NAME = /(_FILE|_PATH|_DIR|_ID)$/i;
/** Values that look like live credentials. */
const SECRET_VALUE = [
  /\bnpm_[A-Za-z0-9]{30,}/,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/,
  /\bgithub_pat_[A-Za-z0-9_]{30,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bxox[baprs]-[A-Za-z0-9-]{10,}/,
  /\bsk_live_[A-Za-z0-9]{16,}/,
  /:\/\/[^:/\s@]+:[^@\s$]+@/,
];

/** NS115: ARG and ENV values are readable by anyone holding the image. */
export const secretsInArgEnv: Rule = {
  meta: {
    id: 'NS115',
    name: 'secrets-in-arg-env',
    severity: 'error',
    summary: 'No secret is passed as ARG or set as ENV.',
    why: 'ENV values are stored in the image config and ARG values in its build history (`docker history` shows them), so a token passed either way leaks to everyone who can pull the image. A registry token in an ARG is the classic case.',
    fix: 'Pass build-time secrets with `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc` and runtime secrets as environment variables at `docker run` or from the orchestrator\'s secret store.',
  },
  check(ctx) {
    const findings = [];
    for (const step of ctx.model.steps) {
      if (step.keyword !== 'ARG' && step.keyword !== 'ENV') continue;
      for (const decl of step.declarations) {
        const byName = SECRET_NAME.test(decl.name) && !REFERENCE_NAME.test(decl.name);
        // A credential sits near the start; a bounded slice keeps huge values linear.
        const value = (decl.rawValue ?? '').slice(0, 4096);
        const byValue = SECRET_VALUE.some((re) => re.test(value));
        if (!byName && !byValue) continue;
        const why = byValue ? 'holds what looks like a credential' : 'names a secret';
        findings.push(atDockerfile(ctx, this.meta, decl.nameSpan, `${step.keyword} ${decl.name} ${why}; it is stored in the image.`));
      }
    }
    return findings;
  },
};
