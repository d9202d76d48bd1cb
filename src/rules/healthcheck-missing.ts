import { effectiveSteps } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS119: without a HEALTHCHECK, docker and compose cannot tell a hung service from a healthy one. */
export const healthcheckMissing: Rule = {
  meta: {
    id: 'NS119',
    name: 'healthcheck-missing',
    severity: 'info',
    summary: 'The runtime image declares a HEALTHCHECK.',
    why: 'Docker, compose `depends_on: service_healthy` and Swarm read the image\'s HEALTHCHECK to know when the service is ready and whether it still answers. Kubernetes ignores it and uses probes, so the rule is informational.',
    fix: 'Add a curl-free check against the health route: `HEALTHCHECK CMD ["node", "-e", "fetch(\'http://127.0.0.1:\'+process.env.PORT+\'/health\').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]`.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    // With a profile, only a service that has a health route is asked for a check.
    if (ctx.profile && !ctx.profile.health) return [];
    if (effectiveSteps(ctx.model, final).some((s) => s.keyword === 'HEALTHCHECK')) return [];
    const route = ctx.profile?.health?.value;
    const message = route
      ? `The runtime image has no HEALTHCHECK although the service has ${route}.`
      : 'The runtime image has no HEALTHCHECK.';
    return [atDockerfile(ctx, this.meta, final.from.keywordSpan, message)];
  },
};
