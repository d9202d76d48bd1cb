import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS002: instructions but no FROM, so there is no image to build. */
export const missingFrom: Rule = {
  meta: {
    id: 'NS002',
    name: 'missing-from',
    severity: 'error',
    summary: 'The Dockerfile starts an image with FROM.',
    why: 'Without a FROM instruction the builder rejects the file: there is no base image and no stage to run the other instructions in.',
    fix: 'Add `FROM node:22-slim` (or the base your project needs) before the other instructions.',
  },
  check(ctx) {
    const { model } = ctx;
    const first = model.steps[0];
    if (!first || model.stages.length > 0) return [];
    return [atDockerfile(ctx, this.meta, first.keywordSpan, 'The Dockerfile has no FROM instruction.')];
  },
};
