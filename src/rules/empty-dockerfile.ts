import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS001: nothing to build. A parse failure of dockerfile-ast itself lands here too. */
export const emptyDockerfile: Rule = {
  meta: {
    id: 'NS001',
    name: 'empty-dockerfile',
    severity: 'error',
    summary: 'The Dockerfile has instructions.',
    why: 'A Dockerfile without instructions (empty, only comments, or unreadable) builds nothing; every later check would be silent for the wrong reason.',
    fix: 'Write the Dockerfile, for example with `nestship init`.',
  },
  check(ctx) {
    const { model } = ctx;
    if (model.steps.length > 0 && !model.failure) return [];
    const reason = model.failure ? `could not be parsed: ${model.failure}` : 'has no instructions';
    const span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    return [atDockerfile(ctx, this.meta, span, `The Dockerfile ${reason}.`)];
  },
};
