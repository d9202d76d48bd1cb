import { effectiveSteps, rootImage } from '../dockerfile/stages.js';
import { expand } from '../dockerfile/expand.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS107: the final image must not run as root. */
export const nonRootUser: Rule = {
  meta: {
    id: 'NS107',
    name: 'non-root-user',
    severity: 'error',
    summary: 'The runtime image runs as a non-root user.',
    why: 'Without a USER instruction, or with USER root or 0, the service runs as root inside the container. A compromised process then owns the container file system and has an easier path to the host.',
    fix: 'Create a user in the runtime stage (or use the `node` user of the official images) and switch to it with a numeric `USER 1000:1000` before CMD.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    const users = effectiveSteps(ctx.model, final).filter((s) => s.keyword === 'USER');
    const last = users[users.length - 1];
    // Images such as distroless `:nonroot` set a non-root USER themselves.
    if (!last && /nonroot/.test(rootImage(ctx.model, final))) return [];
    if (!last) {
      return [atDockerfile(ctx, this.meta, final.from.keywordSpan, 'The runtime stage has no USER instruction, so the service runs as root.')];
    }
    const user = expand(last.argsText, last.scope, ctx.model.escapeChar).split(':')[0]!.trim();
    if (user !== 'root' && user !== '0') return [];
    return [atDockerfile(ctx, this.meta, last.argsSpan ?? last.span, `The runtime stage runs as \`${user}\`.`)];
  },
};
