/**
 * NS306-NS307: how the service starts. The command must be exec form, and PID 1 in the running
 * container must be node itself: a shell, npm or the Nest CLI as PID 1 does not pass SIGTERM on, so
 * every stop waits out the grace period and in-flight requests are cut off by SIGKILL.
 */
import { posix } from 'node:path';
import type { RuleMeta } from '../../findings.js';
import { fail, merge, NOTHING, pass, type Probe } from '../probe.js';
import { startCommand } from '../start-command.js';

export const SHELL_FORM: RuleMeta = {
  id: 'NS306',
  name: 'shell-form-command',
  severity: 'error',
  summary: 'ENTRYPOINT and CMD must be in exec form.',
  why:
    'A shell-form command runs under `/bin/sh -c`, which becomes PID 1 and, depending on the shell, ' +
    'does not forward SIGTERM: the app never hears the stop and is killed after the grace period.',
  fix: 'Write the command as a JSON array, for example `CMD ["node", "dist/main.js"]`.',
};

export const PID1_NOT_NODE: RuleMeta = {
  id: 'NS307',
  name: 'pid1-not-node',
  severity: 'error',
  summary: 'PID 1 in the running container must be node.',
  why:
    'npm, yarn, a shell or `nest start` as PID 1 do not forward SIGTERM to the app reliably, keep an ' +
    'extra process in memory, and (for nest start) compile at boot.',
  fix: 'Start the compiled entry with node directly: `CMD ["node", "dist/main.js"]`.',
};

export const commandProbe: Probe = {
  rules: [SHELL_FORM, PID1_NOT_NODE],
  judge(context) {
    const start = startCommand(context.info);
    const at = context.at(context.info.entrypoint?.length ? 'ENTRYPOINT' : 'CMD');
    const shown = start.argv.join(' ');
    const form = start.shellForm
      ? fail(SHELL_FORM, `the image starts through a shell: ${shown}`, at, { command: shown })
      : pass(SHELL_FORM, `the image starts in exec form: ${JSON.stringify(start.argv)}`);

    // The migrate target is a one-shot job that runs the Prisma CLI: node need not be PID 1 there.
    if (context.target === 'migrate') return form;
    const pid1 = context.run?.pid1;
    if (!pid1) return merge(form, start.runner === 'node' || start.runner === 'none' ? NOTHING
      : fail(PID1_NOT_NODE, `the image starts ${start.runner}, not node`, at, { command: shown }));
    const program = posix.basename(pid1[0] ?? '');
    const isNode = (program === 'node' || program === 'nodejs') &&
      !pid1.slice(1).some((arg) => /(^|\/)(npm|npm-cli\.js|yarn|yarn\.js|pnpm|pnpm\.c?js|nest)$/.test(arg));
    const figures = { pid1: pid1.join(' ') };
    return merge(
      form,
      isNode
        ? pass(PID1_NOT_NODE, `PID 1 is ${pid1.join(' ')}`, figures)
        : fail(PID1_NOT_NODE, `PID 1 is \`${pid1.join(' ')}\`, not node`, at, figures),
    );
  },
};
