import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

const COMMAND_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/** NS005: `CMD ["node" "dist/main.js"]` is not JSON, so it silently runs as a shell string. */
export const invalidExecForm: Rule = {
  meta: {
    id: 'NS005',
    name: 'invalid-exec-form',
    severity: 'error',
    summary: 'A bracketed command is valid JSON.',
    why: 'When the array after RUN, CMD or ENTRYPOINT is not valid JSON (a missing comma, single quotes), the builder treats the whole text as a shell command. The container then tries to run a program literally named `[node` and fails at start.',
    fix: 'Write a JSON array of double-quoted strings separated by commas: `CMD ["node", "dist/main.js"]`.',
  },
  check(ctx) {
    return ctx.model.steps
      .filter((s) => COMMAND_KEYWORDS.has(s.keyword) && s.form === 'shell' && s.argsText.startsWith('['))
      .map((s) =>
        atDockerfile(ctx, this.meta, s.argsSpan ?? s.span, `${s.keyword} looks like exec form but is not a JSON array, so it runs as a shell string.`),
      );
  },
};
