/**
 * Parse Dockerfile text into the Model rules read. dockerfile-ast does the lexing (ranges, escape
 * directive, heredocs, flags); this module adds what it lacks: flags read through `getFlags()`
 * (its `getFromFlag()` misses `--from` next to other flags), our own ARG/ENV resolution across
 * stages, exec vs shell form, and a shell tokenizer for command text. It never throws.
 */
import { posix } from 'node:path';
import { DockerfileParser, Healthcheck, PropertyInstruction } from 'dockerfile-ast';
import type { Instruction, Dockerfile, Flag } from 'dockerfile-ast';
import { expand, type Scope } from './expand.js';
import { LineIndex, spanOfRange } from './positions.js';
import { flattenShellC, logicalText, tokenizeShell, type ShellCommand } from './shell.js';
import type { CopyInfo, Declaration, Model, Stage, Step, StepFlag } from './model.js';

/** Mutable state while walking one stage. */
interface StageState {
  args: Map<string, string | undefined>;
  env: Map<string, string | undefined>;
  workdir: string;
}

export function parseDockerfile(text: string): Model {
  const model: Model = {
    text,
    escapeChar: '\\',
    directives: [],
    comments: [],
    globalArgs: [],
    preamble: [],
    stages: [],
    steps: [],
    failure: undefined,
  };
  let ast: Dockerfile;
  try {
    ast = DockerfileParser.parse(text);
  } catch (error) {
    // dockerfile-ast has never been seen to throw, but a parse failure must stay a finding.
    model.failure = error instanceof Error ? error.message : String(error);
    return model;
  }
  const index = new LineIndex(text);
  model.escapeChar = ast.getEscapeCharacter();
  model.directives = ast.getDirectives().map((d) => ({
    name: d.getName().toLowerCase(),
    value: d.getValue(),
    span: spanOfRange(d.getRange()),
  }));
  model.comments = ast.getComments().map((c) => ({
    line: c.getRange().start.line + 1,
    text: c.getContent().trim(),
  }));
  new Walker(model, index).walk(ast.getInstructions());
  return model;
}

/** Walks the instructions in order, carrying ARG/ENV/WORKDIR state per stage. */
class Walker {
  private readonly globals = new Map<string, string | undefined>();
  private readonly endStates: StageState[] = [];
  private state: StageState | undefined;

  constructor(
    private readonly model: Model,
    private readonly index: LineIndex,
  ) {}

  walk(instructions: Instruction[]): void {
    for (const node of instructions) {
      const keyword = node.getKeyword().toUpperCase();
      if (keyword === 'FROM') this.openStage(node);
      const step = this.makeStep(node, keyword);
      this.model.steps.push(step);
      const stage = this.model.stages[this.model.stages.length - 1];
      if (keyword === 'FROM') continue;
      if (!stage) {
        if (keyword === 'ARG') this.model.globalArgs.push(step);
        else this.model.preamble.push(step);
      } else {
        stage.steps.push(step);
      }
    }
  }

  /** Start a stage: inherit ENV and WORKDIR from a parent stage, reset ARGs. */
  private openStage(node: Instruction): void {
    const words = node.getArguments().map((a) => a.getValue());
    const imageRaw = words[0] ?? '';
    const image = expand(imageRaw, this.globals, this.model.escapeChar);
    const asIndex = words.findIndex((w) => w.toLowerCase() === 'as');
    const name = asIndex >= 0 ? words[asIndex + 1]?.toLowerCase() : undefined;
    const parent = this.stageIndexByName(image.toLowerCase());
    const inherited = parent === undefined ? undefined : this.endStates[parent];
    this.state = {
      args: new Map(),
      env: new Map(inherited?.env ?? []),
      workdir: inherited?.workdir ?? '/',
    };
    this.endStates.push(this.state);
    const placeholder = undefined as unknown as Step;
    const stage: Stage = {
      index: this.model.stages.length,
      name,
      imageRaw,
      image,
      parent,
      from: placeholder,
      steps: [],
      endWorkdir: this.state.workdir,
    };
    this.model.stages.push(stage);
  }

  private stageIndexByName(name: string): number | undefined {
    const found = this.model.stages.find((s) => s.name !== undefined && s.name === name);
    return found?.index;
  }

  private makeStep(node: Instruction, keyword: string): Step {
    const text = this.model.text;
    const esc = this.model.escapeChar;
    const range = node.getRange();
    const argNodes = node.getArguments();
    const argsStart = argNodes[0]
      ? this.offsetOf(argNodes[0].getRange().start)
      : this.offsetOf(range.end);
    const argsEnd = Math.max(argsStart, this.offsetOf(range.end));
    const state = this.state;
    const scope = this.currentScope();
    const step: Step = {
      keyword,
      stage: this.model.stages.length - 1,
      span: spanOfRange(range),
      keywordSpan: spanOfRange(node.getInstructionRange()),
      argsSpan: argNodes.length > 0 ? this.index.span(argsStart, argsEnd) : undefined,
      argsStart,
      argsEnd,
      argsText: logicalText(text, argsStart, argsEnd, esc).trim(),
      words: argNodes.map((a) => a.getValue()),
      flags: this.flagsOf(node),
      form: undefined,
      exec: undefined,
      commands: [],
      scope,
      env: new Map(state?.env ?? []),
      workdir: state?.workdir ?? '/',
      copy: undefined,
      declarations: [],
    };
    if (keyword === 'FROM') {
      const stage = this.model.stages[this.model.stages.length - 1];
      if (stage) stage.from = step;
    }
    this.fillCommands(node, step);
    this.applyEffects(node, step);
    return step;
  }

  private offsetOf(pos: { line: number; character: number }): number {
    return this.index.offsetAt(pos.line, pos.character);
  }

  /** ARGs of the stage (or globals before any FROM) overlaid by ENV, as Docker resolves them. */
  private currentScope(): Scope {
    if (!this.state) return new Map(this.globals);
    return new Map([...this.state.args, ...this.state.env]);
  }

  private flagsOf(node: Instruction): StepFlag[] {
    const withFlags = node as Instruction & { getFlags?: () => Flag[] };
    if (typeof withFlags.getFlags !== 'function') return [];
    return withFlags.getFlags().map((f) => ({
      name: f.getName().toLowerCase(),
      value: f.getValue(),
      span: spanOfRange(f.getRange()),
    }));
  }

  /** Decide exec vs shell form and tokenize the command text. */
  private fillCommands(node: Instruction, step: Step): void {
    const k = step.keyword;
    if (k === 'HEALTHCHECK' && node instanceof Healthcheck) {
      const sub = node.getSubcommand();
      if (!sub || sub.getValue().toUpperCase() !== 'CMD') return;
      this.fillCommandText(step, this.offsetOf(sub.getRange().end));
    } else if (k === 'RUN' || k === 'CMD' || k === 'ENTRYPOINT') {
      this.fillCommandText(step, step.argsStart);
    }
  }

  private fillCommandText(step: Step, start: number): void {
    const text = this.model.text;
    const body = logicalText(text, start, step.argsEnd, this.model.escapeChar).trim();
    const exec = parseExecArray(body);
    if (exec) {
      step.form = 'exec';
      step.exec = exec;
      step.commands = flattenShellC([this.execCommand(exec, start, step.argsEnd)]);
      return;
    }
    step.form = 'shell';
    step.commands = flattenShellC(tokenizeShell(text, start, step.argsEnd, this.model.escapeChar));
  }

  /** An exec array as one command, with word offsets of the JSON strings in the text. */
  private execCommand(exec: string[], start: number, end: number): ShellCommand {
    const spans = jsonStringSpans(this.model.text, start, end);
    const usable = spans.length === exec.length;
    const words = exec.map((value, i) => {
      const span = usable ? spans[i]! : { start, end };
      return { value, raw: JSON.stringify(value), start: span.start, end: span.end };
    });
    return { words, assignments: [], separator: '' };
  }

  /** Update ARG/ENV/WORKDIR state and fill COPY details. */
  private applyEffects(node: Instruction, step: Step): void {
    const esc = this.model.escapeChar;
    if (step.keyword === 'ARG' || step.keyword === 'ENV') {
      this.declare(node, step);
    } else if (step.keyword === 'WORKDIR' && this.state) {
      const dir = expand(step.argsText, step.scope, esc);
      if (dir) this.state.workdir = posix.resolve(this.state.workdir, dir);
      const stage = this.model.stages[this.model.stages.length - 1];
      if (stage) stage.endWorkdir = this.state.workdir;
    } else if (step.keyword === 'COPY' || step.keyword === 'ADD') {
      step.copy = this.copyInfo(step);
    }
  }

  private declare(node: Instruction, step: Step): void {
    if (!(node instanceof PropertyInstruction)) return;
    for (const prop of node.getProperties()) {
      const name = prop.getName();
      const raw = prop.getUnescapedValue() ?? undefined;
      const unquoted = prop.getValue() ?? undefined;
      const scope = this.currentScope();
      let value: string | undefined;
      if (unquoted !== undefined) {
        // A single-quoted value is literal; anything else is expanded like the builder does.
        value = raw?.startsWith("'") ? unquoted : expand(unquoted, scope, this.model.escapeChar);
      } else if (step.keyword === 'ARG' && this.state) {
        // `ARG X` inside a stage re-imports the global default.
        value = this.globals.get(name);
      }
      const valueRange = prop.getValueRange();
      const decl: Declaration = {
        name,
        rawValue: raw,
        value,
        nameSpan: spanOfRange(prop.getNameRange()),
        valueSpan: valueRange ? spanOfRange(valueRange) : undefined,
      };
      step.declarations.push(decl);
      if (!this.state) this.globals.set(name, value);
      else if (step.keyword === 'ARG') this.state.args.set(name, value);
      else this.state.env.set(name, value ?? '');
    }
  }

  private copyInfo(step: Step): CopyInfo | undefined {
    const esc = this.model.escapeChar;
    const paths = parseExecArray(step.argsText) ?? step.words;
    const expanded = paths.map((p) => expand(p, step.scope, esc));
    if (expanded.length === 0) return undefined;
    const dest = expanded[expanded.length - 1]!;
    const fromFlag = step.flags.find((f) => f.name === 'from');
    const from = fromFlag?.value ? expand(fromFlag.value, step.scope, esc) : undefined;
    const chown = step.flags.find((f) => f.name === 'chown')?.value ?? undefined;
    return {
      sources: expanded.slice(0, -1),
      dest,
      destAbs: posix.resolve(step.workdir, dest),
      from,
      fromStage: from === undefined ? undefined : this.resolveFrom(from),
      chown,
    };
  }

  /** `--from=NAME` or `--from=INDEX` naming an earlier stage. */
  private resolveFrom(from: string): number | undefined {
    const current = this.model.stages.length - 1;
    if (/^\d+$/.test(from)) {
      const n = Number(from);
      return n < current ? n : undefined;
    }
    const found = this.stageIndexByName(from.toLowerCase());
    return found !== undefined && found < current ? found : undefined;
  }
}

/** A JSON array of strings, or undefined (the builder then falls back to shell form). */
export function parseExecArray(body: string): string[] | undefined {
  if (!body.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
  } catch {
    // Not JSON: shell form.
  }
  return undefined;
}

/** Offsets of the double-quoted strings in a region (quotes included), for exec-form positions. */
function jsonStringSpans(text: string, start: number, end: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let i = start;
  while (i < end) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    spans.push({ start: i, end: Math.min(j + 1, end) });
    i = j + 1;
  }
  return spans;
}
