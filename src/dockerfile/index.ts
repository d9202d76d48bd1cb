/**
 * The Dockerfile model: parse text into stages and steps with resolved ARG/ENV values, tokenized
 * commands and COPY details. `check` lints it; other commands (the cache map) read it the same way.
 */
export { parseDockerfile, parseExecArray } from './parse.js';
export type { CopyInfo, Declaration, Directive, Model, Span, Stage, Step, StepFlag } from './model.js';
export { expand, type Scope } from './expand.js';
export { tokenizeShell, programOf, hasFlag, type ShellCommand, type ShellWord } from './shell.js';
export { installOf, scriptCallOf, binaryOf, isBuildCommand, isPrismaGenerate } from './commands.js';
export { ancestry, effectiveSteps, feedingStages, nodeModulesOrigins, rootImage } from './stages.js';
export { isIgnored, parseDockerignore, type IgnorePattern } from './ignore.js';
