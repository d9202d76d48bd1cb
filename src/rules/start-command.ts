/**
 * The command the final image starts with: the last ENTRYPOINT and CMD of its FROM chain. Several
 * rules (exec form, PID 1, entry path, migrations, npx) read it.
 */
import type { Model, Stage, Step } from '../dockerfile/model.js';
import type { ShellCommand } from '../dockerfile/shell.js';
import { effectiveSteps } from '../dockerfile/stages.js';

export interface StartCommand {
  entrypoint: Step | undefined;
  cmd: Step | undefined;
  /** The step whose program becomes PID 1 (ENTRYPOINT when set, else CMD). */
  pid1: Step | undefined;
  /** All commands of both, in the order they run (`sh -c` scripts expanded). */
  commands: ShellCommand[];
}

export function startCommand(model: Model, stage: Stage): StartCommand {
  const steps = effectiveSteps(model, stage);
  const last = (keyword: string): Step | undefined =>
    [...steps].reverse().find((s) => s.keyword === keyword);
  const entrypoint = last('ENTRYPOINT');
  let cmd = last('CMD');
  // An ENTRYPOINT set after the CMD (e.g. in a later stage) resets the inherited CMD.
  if (entrypoint && cmd && steps.indexOf(entrypoint) > steps.indexOf(cmd) && entrypoint.stage !== cmd.stage) {
    cmd = undefined;
  }
  const commands = [...(entrypoint?.commands ?? []), ...(cmd?.commands ?? [])];
  return { entrypoint, cmd, pid1: entrypoint ?? cmd, commands };
}
