/**
 * The typed model of a Dockerfile that rules read. Positions are 1-based lines and columns with an
 * exclusive end, the same convention as `Location` and `TextEdit` in src/findings.ts.
 */
import type { Scope } from './expand.js';
import type { ShellCommand } from './shell.js';

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface StepFlag {
  /** Without the dashes, for example `from`, `chown`, `mount`. */
  name: string;
  value: string | null;
  span: Span;
}

export interface CopyInfo {
  /** Sources after variable expansion, as written (relative to the context or the `--from` stage). */
  sources: string[];
  /** Destination after expansion; relative destinations are relative to `workdir`. */
  dest: string;
  /** Absolute destination, resolved against the step's WORKDIR. */
  destAbs: string;
  /** The `--from` value after expansion (a stage name, a stage index or an image). */
  from: string | undefined;
  /** The stage `--from` names, when it names one. */
  fromStage: number | undefined;
  chown: string | undefined;
}

export interface Step {
  /** Upper-case instruction keyword, for example `RUN`. */
  keyword: string;
  /** Index of the stage the step belongs to; -1 for ARGs before the first FROM. */
  stage: number;
  /** The whole instruction, and the keyword alone. */
  span: Span;
  keywordSpan: Span;
  /** The arguments after flags, when there are any. */
  argsSpan: Span | undefined;
  /** Offsets of the arguments in `Model.text` (end exclusive); equal when there are none. */
  argsStart: number;
  argsEnd: number;
  /** The arguments with line continuations joined, flags removed. */
  argsText: string;
  /** The arguments split on whitespace, before expansion. */
  words: string[];
  flags: StepFlag[];
  /** For RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD: JSON array form or shell form. */
  form: 'exec' | 'shell' | undefined;
  /** The array of an exec-form instruction. */
  exec: string[] | undefined;
  /** The commands of a shell-form instruction (with `sh -c` scripts of either form expanded). */
  commands: ShellCommand[];
  /** ARG and ENV values visible to this step (before its own declaration takes effect). */
  scope: Scope;
  /** ENV values alone (inherited from parent stages), as visible to this step. */
  env: Scope;
  /** The WORKDIR in effect for this step (absolute). */
  workdir: string;
  /** COPY and ADD details. */
  copy: CopyInfo | undefined;
  /** ARG and ENV declarations: name, expanded value (undefined = no value) and where the name is. */
  declarations: Declaration[];
}

export interface Declaration {
  name: string;
  /** As written, before expansion. */
  rawValue: string | undefined;
  value: string | undefined;
  nameSpan: Span;
  valueSpan: Span | undefined;
}

export interface Stage {
  index: number;
  /** The `AS` name, lower-cased as the builder compares them. */
  name: string | undefined;
  /** The base reference as written and after expanding global ARGs. */
  imageRaw: string;
  image: string;
  /** When the base is an earlier stage, its index. */
  parent: number | undefined;
  /** The FROM step. */
  from: Step;
  /** The steps after FROM, in order. */
  steps: Step[];
  /** The WORKDIR in effect at the end of the stage (what `COPY --from` paths resolve against). */
  endWorkdir: string;
}

export interface Directive {
  name: string;
  value: string;
  span: Span;
}

export interface CommentLine {
  /** 1-based line. */
  line: number;
  /** The comment text after `#`, trimmed. */
  text: string;
}

export interface Model {
  text: string;
  escapeChar: string;
  directives: Directive[];
  comments: CommentLine[];
  /** ARGs declared before the first FROM. */
  globalArgs: Step[];
  /** Instructions before the first FROM other than ARG (the builder rejects them). */
  preamble: Step[];
  stages: Stage[];
  /** Every instruction in file order, FROM included. */
  steps: Step[];
  /** Set when dockerfile-ast itself failed; the model is then empty. */
  failure: string | undefined;
}
