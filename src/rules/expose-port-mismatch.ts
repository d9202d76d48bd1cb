import { expand } from '../dockerfile/expand.js';
import { effectiveSteps } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS127: EXPOSE documents the port; it should be the one the service listens on. */
export const exposePortMismatch: Rule = {
  meta: {
    id: 'NS127',
    name: 'expose-port-mismatch',
    severity: 'warning',
    summary: 'EXPOSE names the port the service listens on (PORT).',
    why: 'Tools read EXPOSE to wire ports (`docker run -P`, compose, platform defaults). When it differs from the PORT the app listens on, traffic goes to a closed port and health checks fail.',
    fix: 'Expose the same value the app reads: `ENV PORT=${PORT}` and `EXPOSE ${PORT}`.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    const findings = [];
    for (const step of effectiveSteps(ctx.model, final)) {
      if (step.keyword !== 'EXPOSE') continue;
      const fromEnv = step.scope.get('PORT');
      const port = fromEnv ?? ctx.profile?.port.value?.toString();
      if (!port) continue;
      const ports = step.words.map((w) => expand(w, step.scope, ctx.model.escapeChar).split('/')[0]);
      if (ports.includes(port)) continue;
      const source = fromEnv !== undefined ? 'PORT' : ctx.profile!.port.source;
      findings.push(atDockerfile(ctx, this.meta, step.argsSpan ?? step.span, `EXPOSE ${ports.join(' ')} does not include ${port}, the port from ${source}.`));
    }
    return findings;
  },
};
