import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS125: `# syntax=` makes BuildKit pull a frontend image before building. */
export const syntaxDirective: Rule = {
  meta: {
    id: 'NS125',
    name: 'syntax-directive',
    severity: 'info',
    summary: 'The Dockerfile builds with the engine\'s built-in frontend (no `# syntax=` line).',
    why: 'A `# syntax=` directive makes BuildKit pull the named frontend image from a registry before it reads the file. Offline builders, air-gapped CI and mirrors without that image then fail before the first step, and the frontend version becomes one more moving part.',
    fix: 'Remove the line unless you need a feature the built-in frontend lacks (heredocs, for example); if you keep it, pin a digest and mirror the image.',
  },
  check(ctx) {
    return ctx.model.directives
      .filter((d) => d.name === 'syntax')
      .map((d) => atDockerfile(ctx, this.meta, d.span, `\`# syntax=${d.value}\` pulls a frontend image at every build.`));
  },
};
