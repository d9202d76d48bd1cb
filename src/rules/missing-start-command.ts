import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';
import { startCommand } from './start-command.js';

/** NS136: without CMD or ENTRYPOINT the image starts whatever its base starts (node's REPL). */
export const missingStartCommand: Rule = {
  meta: {
    id: 'NS136',
    name: 'missing-start-command',
    severity: 'error',
    summary: 'The runtime stage says how to start the service (CMD or ENTRYPOINT).',
    why: 'An image without its own CMD inherits the base image\'s. For the node images that is the REPL, which exits at once without a terminal, so the container stops as soon as it starts.',
    fix: 'End the runtime stage with `CMD ["node", "dist/main.js"]` (the entry nestship detected).',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final || startCommand(ctx.model, final).pid1) return [];
    return [atDockerfile(ctx, this.meta, final.from.keywordSpan, 'The runtime stage has no CMD or ENTRYPOINT, so the image starts its base image\'s default command.')];
  },
};
