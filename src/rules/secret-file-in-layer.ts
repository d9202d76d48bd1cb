import { isIgnored } from '../dockerfile/ignore.js';
import type { Step } from '../dockerfile/model.js';
import type { RuleContext } from './context.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** File names that hold secrets when present. */
const SECRET_FILE = /(^|\/)(\.env(\.[^/]*)?|\.npmrc|\.yarnrc\.yml|id_rsa|id_ed25519|[^/]*\.pem|[^/]*\.key)$/;
/** Example env files are meant to be committed and copied. */
const HARMLESS = /\.env\.(example|sample|template|dist)$/;
/** Files worth checking for in the project root when the whole context is copied. */
const CANDIDATES = ['.env', '.env.local', '.env.production', '.env.development', '.npmrc', '.yarnrc.yml', 'id_rsa'];

/** NS116: `.env`, `.npmrc` and keys must not reach any layer. */
export const secretFileInLayer: Rule = {
  meta: {
    id: 'NS116',
    name: 'secret-file-in-layer',
    severity: 'error',
    summary: 'No .env, .npmrc or key file reaches an image layer.',
    why: 'A file copied into any layer stays in the image even if a later step deletes it, and every layer of a stage that is pushed or cached can be read. `.env` files with production credentials and `.npmrc` files with registry tokens are the usual leaks.',
    fix: 'List `.env`, `.env.*`, `.npmrc` and key files in .dockerignore, and pass the registry token as a BuildKit secret (`RUN --mount=type=secret`).',
  },
  check(ctx) {
    const findings = [];
    for (const step of ctx.model.steps) {
      const copy = step.copy;
      if (!copy || copy.from !== undefined) continue;
      const named = copy.sources.find((src) => SECRET_FILE.test(src) && !HARMLESS.test(src) && holdsSecret(ctx, src));
      if (named) {
        findings.push(atDockerfile(ctx, this.meta, step.argsSpan ?? step.span, `${step.keyword} puts ${named} into a layer.`));
        continue;
      }
      const leaked = wholeContextLeaks(ctx, step);
      if (leaked.length > 0) {
        findings.push(atDockerfile(ctx, this.meta, step.argsSpan ?? step.span, `${step.keyword} copies the whole context, which includes ${leaked.join(', ')} (not in .dockerignore).`));
      }
    }
    return findings;
  },
};

/**
 * Package-manager config is only a secret when it carries credentials (yarn berry needs its
 * .yarnrc.yml to install). An .npmrc that cannot be read is assumed to carry them; it rarely holds
 * anything else worth copying.
 */
function holdsSecret(ctx: RuleContext, src: string): boolean {
  if (!/(^|\/)(\.npmrc|\.yarnrc\.yml)$/.test(src)) return true;
  const text = ctx.readFile(src.replace(/^\.\//, ''));
  return text === undefined ? src.endsWith('.npmrc') : AUTH.test(text);
}

const AUTH = /_auth|_password|npmAuthToken|npmAuthIdent/i;

/** Secret files present in the project that a whole-context copy would take along. */
function wholeContextLeaks(ctx: RuleContext, step: Step): string[] {
  if (!step.copy?.sources.some((src) => /^(\.\/?|\*)$/.test(src))) return [];
  const patterns = ctx.dockerignore?.patterns ?? [];
  return CANDIDATES.filter((file) => {
    const text = ctx.readFile(file);
    if (text === undefined || isIgnored(patterns, file)) return false;
    // Registry config without credentials is harmless; only auth lines count.
    if (file === '.npmrc' || file === '.yarnrc.yml') return AUTH.test(text);
    return true;
  });
}
