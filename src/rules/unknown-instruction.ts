import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

const KNOWN = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

/** NS004: a keyword the builder does not know (often a typo or a lost continuation). */
export const unknownInstruction: Rule = {
  meta: {
    id: 'NS004',
    name: 'unknown-instruction',
    severity: 'error',
    summary: 'Every instruction is one the builder knows.',
    why: 'An unknown keyword fails the build. It is usually a typo, or a line that lost its trailing backslash so the next line became an instruction of its own.',
    fix: 'Correct the keyword, or add the missing line continuation on the line above.',
  },
  check(ctx) {
    return ctx.model.steps
      .filter((step) => !KNOWN.has(step.keyword))
      .map((step) =>
        atDockerfile(ctx, this.meta, step.keywordSpan, `\`${step.keyword}\` is not a Dockerfile instruction.`),
      );
  },
};
