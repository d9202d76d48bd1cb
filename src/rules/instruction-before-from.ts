import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS003: only ARG may come before the first FROM. */
export const instructionBeforeFrom: Rule = {
  meta: {
    id: 'NS003',
    name: 'instruction-before-from',
    severity: 'error',
    summary: 'Only ARG comes before the first FROM.',
    why: 'The builder rejects any instruction other than ARG before the first FROM, so the image does not build.',
    fix: 'Move the instruction below a FROM line, into the stage that needs it.',
  },
  check(ctx) {
    // Without any FROM, NS002 already says what is wrong.
    if (ctx.model.stages.length === 0) return [];
    return ctx.model.preamble.map((step) =>
      atDockerfile(ctx, this.meta, step.keywordSpan, `${step.keyword} comes before the first FROM.`),
    );
  },
};
