import { installsIn } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile, replaceSpan } from './rule.js';

/** What the lockfile-strict form of each manager's install is. */
const STRICT_FORM: Record<string, string> = {
  npm: 'npm ci',
  pnpm: 'pnpm install --frozen-lockfile',
  yarn: 'yarn install --frozen-lockfile (classic) or yarn install --immutable (berry)',
  bun: 'bun install --frozen-lockfile',
};

/** NS103: installs must reproduce the lockfile exactly. */
export const lockfileStrictInstall: Rule = {
  meta: {
    id: 'NS103',
    name: 'lockfile-strict-install',
    severity: 'error',
    summary: 'Dependencies install strictly from the lockfile (`npm ci` and its equivalents).',
    why: '`npm install` and the non-frozen installs of pnpm, yarn and bun may resolve newer versions than the lockfile names and rewrite it, so two builds of the same commit can ship different code. The strict install fails instead when package.json and the lockfile disagree.',
    fix: 'Use `npm ci`, `pnpm install --frozen-lockfile`, `yarn install --immutable` (berry) or `--frozen-lockfile` (classic), or `bun install --frozen-lockfile`.',
  },
  check(ctx) {
    return installsIn(ctx.model.steps)
      .filter(({ install }) => !install.strict)
      .map(({ install }) => {
        const verb = install.verb;
        const span = ctx.spanAt(install.command.words[0]!.start, verb.end);
        const message = `\`${install.command.words.map((w) => w.value).slice(0, 2).join(' ')}\` does not install strictly from the lockfile; use ${STRICT_FORM[install.manager]}.`;
        // npm install -> npm ci is safe: same packages, but exactly as locked.
        const fixable = install.manager === 'npm' && ['install', 'i', 'in', 'isntall'].includes(verb.value);
        const fix = fixable ? [replaceSpan(ctx.spanAt(verb.start, verb.end), 'ci')] : undefined;
        return atDockerfile(ctx, this.meta, span, message, fix);
      });
  },
};
