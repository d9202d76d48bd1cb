/**
 * The little verify needs from the Dockerfile's text: the stages, where the final stage comes from
 * (to tell the base image's layers from the project's), its ARG defaults, and the line of an
 * instruction so an image finding can point at the line that caused it. The linter's full model
 * lives in src/dockerfile; verify proves the built image and only reads enough to explain it.
 */

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuations joined. */
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

export interface Stage {
  /** `AS name`, lower-cased, or the stage's index as a string. */
  name: string;
  /** The FROM argument with global ARGs expanded. */
  from: string;
  instructions: Instruction[];
}

export interface DockerfileOutline {
  stages: Stage[];
  /** Global ARG defaults (before the first FROM). */
  globalArgs: Record<string, string>;
}

/** Splits a Dockerfile into instructions (joining `\` continuations, dropping comments). */
export function readInstructions(text: string): Instruction[] {
  const escape = /^#\s*escape\s*=\s*`/im.test(text.split('\n').slice(0, 5).join('\n')) ? '`' : '\\';
  const out: Instruction[] = [];
  let current: Instruction | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trimEnd();
    const trimmed = line.trim();
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (current && trimmed.startsWith('#')) return;
    const continues = line.endsWith(escape);
    const body = continues ? line.slice(0, -1) : line;
    if (!current) {
      const match = /^\s*(\S+)\s*(.*)$/.exec(body);
      current = { keyword: (match?.[1] ?? '').toUpperCase(), args: match?.[2] ?? '', line: i + 1 };
    } else {
      current.args += ` ${body.trim()}`;
    }
    if (!continues) {
      current.args = current.args.trim();
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

/** `${NAME}`, `$NAME` and `${NAME:-default}` from the given values. */
export function expand(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (_m, braced, fallback, bare) => {
    const name = (braced ?? bare) as string;
    return values[name] ?? (fallback as string | undefined) ?? '';
  });
}

export function outlineDockerfile(text: string): DockerfileOutline {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of readInstructions(text)) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const as = words.findIndex((w) => w.toLowerCase() === 'as');
      const name = as >= 0 ? (words[as + 1] ?? '').toLowerCase() : String(stages.length);
      stages.push({ name, from: expand(words[0] ?? '', globalArgs), instructions: [instruction] });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (stage) stage.instructions.push(instruction);
    else if (instruction.keyword === 'ARG') Object.assign(globalArgs, argDefaults([instruction]));
  }
  return { stages, globalArgs };
}

/** The stage a build ends in: `--target`, else the last one. */
export function finalStage(outline: DockerfileOutline, target?: string): Stage | undefined {
  if (target) return outline.stages.find((s) => s.name === target.toLowerCase());
  return outline.stages[outline.stages.length - 1];
}

/** Follows `FROM stage` links down to the external image the stage starts from. */
export function baseImageOf(outline: DockerfileOutline, stage: Stage): string {
  let from = stage.from;
  for (let hops = 0; hops < outline.stages.length; hops++) {
    const parent = outline.stages.find((s) => s.name === from.toLowerCase());
    if (!parent) return from;
    from = parent.from;
  }
  return from;
}

/** `ARG NAME=value` defaults of a list of instructions (quotes removed). */
export function argDefaults(instructions: Instruction[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { keyword, args } of instructions) {
    if (keyword !== 'ARG') continue;
    for (const word of args.split(/\s+/)) {
      const at = word.indexOf('=');
      if (at > 0) out[word.slice(0, at)] = word.slice(at + 1).replace(/^["']|["']$/g, '');
    }
  }
  return out;
}

/** The stages an image is built from, root first: `runner` <- `base` gives [base, runner]. */
export function stageChain(outline: DockerfileOutline, stage: Stage): Stage[] {
  const chain: Stage[] = [stage];
  for (let s = stage; ; ) {
    const parent = outline.stages.find((p) => p.name === s.from.toLowerCase());
    if (!parent || chain.includes(parent)) break;
    chain.unshift(parent);
    s = parent;
  }
  return chain;
}

/** The last instruction with this keyword in the stage chain that ends at `stage`. */
export function lastInstruction(
  outline: DockerfileOutline,
  stage: Stage,
  keyword: string,
): Instruction | undefined {
  for (const s of stageChain(outline, stage).reverse()) {
    const found = s.instructions.filter((i) => i.keyword === keyword).pop();
    if (found) return found;
  }
  return undefined;
}
