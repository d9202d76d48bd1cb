import type { Step } from '../dockerfile/model.js';
import type { TextEdit } from '../findings.js';
import type { RuleContext } from './context.js';
import type { Rule } from './rule.js';
import { atDockerfile, replaceSpan } from './rule.js';
import { startCommand } from './start-command.js';

/** NS108: shell-form CMD/ENTRYPOINT puts `/bin/sh -c` in front of node. */
export const cmdExecForm: Rule = {
  meta: {
    id: 'NS108',
    name: 'cmd-exec-form',
    severity: 'error',
    summary: 'CMD and ENTRYPOINT use exec form.',
    why: 'In shell form the builder wraps the command in `/bin/sh -c`. The shell then becomes PID 1 and, depending on the image, does not forward SIGTERM, so the service is killed after the stop grace period instead of shutting down cleanly.',
    fix: 'Write the command as a JSON array: `CMD ["node", "dist/main.js"]`.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    const { entrypoint, cmd } = startCommand(ctx.model, final);
    return [entrypoint, cmd]
      .filter((s): s is Step => s !== undefined && s.form === 'shell' && !s.argsText.startsWith('['))
      .map((s) =>
        atDockerfile(ctx, this.meta, s.argsSpan ?? s.span, `${s.keyword} is in shell form, so /bin/sh runs as PID 1.`, execFormFix(ctx, s)),
      );
  },
};

/** Rewrite a simple shell command as an exec array; undefined when the shell does real work. */
function execFormFix(ctx: RuleContext, step: Step): TextEdit[] | undefined {
  const [only, ...rest] = step.commands;
  if (!only || rest.length > 0 || only.assignments.length > 0 || !step.argsSpan) return undefined;
  // Variables, globs and substitutions need the shell; leave those to a human.
  if (only.words.some((w) => /[$*?`~]/.test(w.raw))) return undefined;
  const json = `[${only.words.map((w) => JSON.stringify(w.value)).join(', ')}]`;
  return [replaceSpan(ctx.spanAt(step.argsStart, step.argsEnd), json)];
}
