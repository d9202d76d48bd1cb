import { binaryOf, scriptCallOf } from '../dockerfile/commands.js';
import type { Step } from '../dockerfile/model.js';
import { programOf, type ShellCommand } from '../dockerfile/shell.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';
import { startCommand } from './start-command.js';

/** Init processes that forward signals; what follows them is what to judge. */
const INITS = new Set(['tini', 'dumb-init', 'docker-init']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const NODE_WRAPPERS = new Set(['npm', 'yarn', 'pnpm', 'ts-node', 'nodemon']);

/** NS112: PID 1 should be node itself, not a package manager, the Nest CLI or a shell. */
export const pid1Node: Rule = {
  meta: {
    id: 'NS112',
    name: 'pid1-node',
    severity: 'error',
    summary: 'node runs as PID 1, not npm, yarn, `nest start` or a shell.',
    why: 'A package manager or shell as PID 1 does not pass SIGTERM on reliably, so the container is killed after the grace period and in-flight requests are cut. `nest start` also compiles at boot (slow starts) and needs the dev toolchain in the image.',
    fix: 'Start the compiled entry directly: `CMD ["node", "dist/main.js"]`. Run migrations in a separate job, not in the start command.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    const { pid1, commands } = startCommand(ctx.model, final);
    if (!pid1) return [];
    const shell = execShell(pid1);
    if (shell) {
      return [atDockerfile(ctx, this.meta, pid1.argsSpan ?? pid1.span, `\`${shell} -c\` runs as PID 1 and does not pass SIGTERM on to node; start node directly, or \`exec\` it.`)];
    }
    const first = commands[0] && skipInit(commands[0]);
    const wrapper = first && wrapperName(first);
    if (!first || !wrapper) return [];
    const span = ctx.spanAt(first.words[0]!.start, first.words[first.words.length - 1]!.end);
    return [atDockerfile(ctx, this.meta, span, `\`${wrapper}\` runs as PID 1 instead of node, so SIGTERM does not reach the service.`)];
  },
};

/** `["sh", "-c", "..."]` whose script does not `exec` the last command: the shell stays PID 1. */
function execShell(step: Step): string | undefined {
  const argv = step.form === 'exec' ? step.exec ?? [] : [];
  const program = argv[0]?.split('/').pop() ?? '';
  const flagIndex = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
  if (!SHELLS.has(program) || flagIndex < 0) return undefined;
  const script = argv[flagIndex + 1] ?? '';
  return /(^|[;&|]\s*)exec\s/.test(script) ? undefined : program;
}

/** Drop `tini --` or `dumb-init` in front of the real command. */
function skipInit(command: ShellCommand): ShellCommand {
  if (!INITS.has(programOf(command))) return command;
  let i = 1;
  while (i < command.words.length && command.words[i]!.value.startsWith('-')) i++;
  return { ...command, words: command.words.slice(i) };
}

/** The name of what stands between PID 1 and node, or undefined when node starts directly. */
function wrapperName(command: ShellCommand): string | undefined {
  if (command.words.length === 0) return undefined;
  const bin = binaryOf(command);
  if (bin?.name === 'nest' && bin.args[0] === 'start') return 'nest start';
  const script = scriptCallOf(command);
  if (script) return `${script.manager} ${script.script === 'start' ? 'start' : `run ${script.script}`}`;
  const program = programOf(command);
  return NODE_WRAPPERS.has(program) ? program : undefined;
}
