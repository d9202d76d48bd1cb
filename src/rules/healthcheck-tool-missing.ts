import { programOf } from '../dockerfile/shell.js';
import { effectiveSteps } from '../dockerfile/stages.js';
import { installsOsPackage, stageFamily, type Family } from './base-image.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** Which tools each family lacks (Alpine's busybox has a wget applet). */
const MISSING: Record<Family, string[]> = {
  alpine: ['curl'],
  slim: ['curl', 'wget'],
  distroless: ['curl', 'wget', 'sh'],
  full: [],
};

/** NS120: a HEALTHCHECK calling a tool the image lacks always fails. */
export const healthcheckToolMissing: Rule = {
  meta: {
    id: 'NS120',
    name: 'healthcheck-tool-missing',
    severity: 'error',
    summary: 'The HEALTHCHECK uses a tool the runtime image has.',
    why: '`node:*-alpine` has no curl and `node:*-slim` has neither curl nor wget. A HEALTHCHECK calling them fails every time, so the container is reported unhealthy forever and orchestrators that trust it restart or never route to it.',
    fix: 'Check with node itself, which the image always has: `HEALTHCHECK CMD ["node", "-e", "fetch(\'http://127.0.0.1:\'+process.env.PORT+\'/health\').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]`.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    const checks = effectiveSteps(ctx.model, final).filter((s) => s.keyword === 'HEALTHCHECK');
    const last = checks[checks.length - 1];
    const family = stageFamily(ctx.model, final);
    if (!last || !family) return [];
    const findings = [];
    for (const command of last.commands) {
      const tool = programOf(command);
      if (!MISSING[family].includes(tool)) continue;
      if (installsOsPackage(ctx.model, final, new RegExp(`^${tool}($|=)`))) continue;
      const word = command.words[0]!;
      findings.push(atDockerfile(ctx, this.meta, ctx.spanAt(word.start, word.end), `HEALTHCHECK runs ${tool}, which a ${family} image does not have.`));
    }
    return findings;
  },
};
