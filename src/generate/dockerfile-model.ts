/**
 * A typed model of the Dockerfile instructions nestship writes, and the one function that renders it.
 * Templates build values of these types instead of concatenating text, so quoting, line continuation
 * and comment placement are decided in one place.
 */

/** A BuildKit `RUN --mount` option. */
export type Mount =
  | { type: 'cache'; target: string; id?: string; sharing?: 'locked' | 'shared' | 'private' }
  | { type: 'secret'; id: string; target: string; required?: boolean };

export type Instruction =
  | { op: 'comment'; text: string }
  | { op: 'WORKDIR'; path: string }
  | { op: 'ARG'; name: string; value?: string }
  | { op: 'ENV'; name: string; value: string }
  | { op: 'COPY'; from?: string; sources: string[]; dest: string }
  | { op: 'RUN'; mounts?: Mount[]; env?: Record<string, string>; steps: string[] }
  | { op: 'USER'; user: string }
  | { op: 'EXPOSE'; port: string }
  | { op: 'HEALTHCHECK'; options: Record<string, string>; argv: string[] }
  | { op: 'CMD'; argv: string[] };

export interface Stage {
  name: string;
  from: string;
  /** The one comment above the stage: why it exists. */
  why: string;
  body: Instruction[];
}

import { commentLines } from './comment.js';

/** Renders stages into Dockerfile text, one blank line between stages, ending with a newline. */
export function renderDockerfile(stages: Stage[]): string {
  return `${stages.map(renderStage).join('\n\n')}\n`;
}

function renderStage(stage: Stage): string {
  const lines = [...commentLines(stage.why), `FROM ${stage.from} AS ${stage.name}`];
  for (const instruction of stage.body) lines.push(...renderInstruction(instruction));
  return lines.join('\n');
}

function renderInstruction(instruction: Instruction): string[] {
  switch (instruction.op) {
    case 'comment':
      return commentLines(instruction.text);
    case 'WORKDIR':
      return [`WORKDIR ${instruction.path}`];
    case 'ARG':
      return [instruction.value === undefined ? `ARG ${instruction.name}` : `ARG ${instruction.name}=${instruction.value}`];
    case 'ENV':
      return [`ENV ${instruction.name}=${envValue(instruction.value)}`];
    case 'COPY': {
      const from = instruction.from ? `--from=${instruction.from} ` : '';
      return [`COPY ${from}${[...instruction.sources, instruction.dest].join(' ')}`];
    }
    case 'RUN':
      return renderRun(instruction.mounts ?? [], instruction.env ?? {}, instruction.steps);
    case 'USER':
      return [`USER ${instruction.user}`];
    case 'EXPOSE':
      return [`EXPOSE ${instruction.port}`];
    case 'HEALTHCHECK': {
      const options = Object.entries(instruction.options).map(([key, value]) => `--${key}=${value}`);
      return [`HEALTHCHECK ${options.join(' ')} \\`, `  CMD ${execForm(instruction.argv)}`];
    }
    case 'CMD':
      return [`CMD ${execForm(instruction.argv)}`];
  }
}

/**
 * `RUN --mount=... \` then one step per line joined with `&&`. Mounts each get a line of their own,
 * so a reader sees every cache and secret at a glance. A newline inside a step continues that step
 * on the next line: the Dockerfile parser joins the lines before the shell reads them.
 */
function renderRun(mounts: Mount[], env: Record<string, string>, steps: string[]): string[] {
  const mountFlags = mounts.map(mountFlag);
  const prefix = Object.entries(env).map(([name, value]) => `${name}=${shellWord(value)}`);
  const [first, ...rest] = steps;
  if (first === undefined) throw new Error('a RUN instruction needs at least one step');
  const firstStep = prefix.length > 0 ? `${prefix.join(' ')}\n${first}` : first;
  const body = [firstStep, ...rest.map((step) => `&& ${step}`)];
  const lines: string[] = [];
  if (mountFlags.length > 0) {
    lines.push(`RUN ${mountFlags[0]}`, ...mountFlags.slice(1).map((flag) => `    ${flag}`));
    body.forEach((step) => lines.push(...continued(step, '    ')));
  } else {
    const [head, ...tail] = continued(body[0]!, '');
    lines.push(`RUN ${head}`, ...tail, ...body.slice(1).flatMap((step) => continued(step, ' ')));
  }
  return lines.map((line, index) => (index < lines.length - 1 ? `${line} \\` : line));
}

/** A step's pieces, the first at `indent`, the rest indented further under it. */
function continued(step: string, indent: string): string[] {
  return step.split('\n').map((piece, index) => (index === 0 ? `${indent}${piece}` : `${indent}    ${piece}`));
}

function mountFlag(mount: Mount): string {
  const parts: string[] = [`type=${mount.type}`];
  if (mount.type === 'cache') {
    if (mount.id) parts.push(`id=${mount.id}`);
    parts.push(`target=${mount.target}`);
    if (mount.sharing) parts.push(`sharing=${mount.sharing}`);
  } else {
    parts.push(`id=${mount.id}`, `target=${mount.target}`);
    if (mount.required) parts.push('required=true');
  }
  return `--mount=${parts.join(',')}`;
}

/** Exec form is a JSON array; JSON string escaping is exactly what Docker reads. */
function execForm(argv: string[]): string {
  return `[${argv.map((arg) => JSON.stringify(arg)).join(', ')}]`;
}

function envValue(value: string): string {
  return /^[\w./:@${}-]+$/.test(value) ? value : JSON.stringify(value);
}

function shellWord(value: string): string {
  return /^[\w./:@-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
