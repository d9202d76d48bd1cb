import type { Step } from '../dockerfile/model.js';
import { effectiveSteps } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS133: the runtime runs with NODE_ENV=production. */
export const runtimeNodeEnv: Rule = {
  meta: {
    id: 'NS133',
    name: 'runtime-node-env',
    severity: 'warning',
    summary: 'The runtime stage sets NODE_ENV=production.',
    why: 'Express, Nest\'s config module and many libraries switch caching, logging and error detail on NODE_ENV. Without it the service runs in development mode: slower, and with stack traces in error responses.',
    fix: 'Add `ENV NODE_ENV=production` to the runtime stage (and only there, see NS111).',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    const steps = effectiveSteps(ctx.model, final);
    const last = steps[steps.length - 1];
    const value = last ? envAfter(last) : undefined;
    if (value === 'production') return [];
    const message = value === undefined
      ? 'The runtime stage does not set NODE_ENV, so the service runs in development mode.'
      : `The runtime stage sets NODE_ENV=${value}.`;
    return [atDockerfile(ctx, this.meta, final.from.keywordSpan, message)];
  },
};

/** NODE_ENV after a step, counting the step's own ENV declarations. */
function envAfter(step: Step): string | undefined {
  const own = step.keyword === 'ENV' ? step.declarations.filter((d) => d.name === 'NODE_ENV').pop() : undefined;
  return own ? own.value : step.env.get('NODE_ENV');
}
