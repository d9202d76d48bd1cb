/**
 * What the image runs at start: ENTRYPOINT and CMD joined, with a shell-form command unwrapped
 * (`CMD node dist/main.js` is stored as `/bin/sh -c "node dist/main.js"`), the program that
 * becomes PID 1, and the entry script that node is asked to load.
 */
import { posix } from 'node:path';
import type { ImageInfo } from './engine.js';

export interface StartCommand {
  argv: string[];
  /** True when the command goes through `sh -c` (shell form, or a shell written out). */
  shellForm: boolean;
  /** The program that starts the app: node, a package manager, the Nest CLI, or something else. */
  runner: 'node' | 'npm' | 'yarn' | 'pnpm' | 'bun' | 'nest' | 'other' | 'none';
  /** The script node loads, as written (`dist/main.js`), when node is the runner. */
  entry?: string;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const RUNNERS = new Set(['npm', 'yarn', 'pnpm', 'bun', 'nest', 'npx']);

export function startCommand(info: ImageInfo): StartCommand {
  const argv = [...(info.entrypoint ?? []), ...(info.cmd ?? [])];
  if (argv.length === 0) return { argv, shellForm: false, runner: 'none' };

  // Skip init wrappers (tini, dumb-init, the official node image's docker-entrypoint.sh, which
  // execs its arguments) and `--`, so the program they start is judged.
  const unwrap = (words: string[]): string[] => {
    let rest = words[0] === 'exec' ? words.slice(1) : words;
    while (rest.length && WRAPPERS.test(posix.basename(rest[0] ?? ''))) rest = rest.slice(1);
    return rest;
  };
  let words = unwrap(argv);

  // Unwrap `sh -c "..."`: the words of the shell command say what the shell starts.
  const shellForm = SHELLS.has(posix.basename(words[0] ?? '')) && words[1] === '-c';
  if (shellForm) words = unwrap((words[2] ?? '').split(/\s+/).filter(Boolean));

  const program = posix.basename(words[0] ?? '');
  if (program === 'node' || program === 'nodejs') {
    const entry = words.slice(1).find((w, i, all) => !w.startsWith('-') && !isFlagValue(all, i));
    return { argv, shellForm, runner: 'node', ...(entry ? { entry } : {}) };
  }
  if (RUNNERS.has(program)) {
    return { argv, shellForm, runner: program === 'npx' ? 'other' : (program as StartCommand['runner']) };
  }
  return { argv, shellForm, runner: 'other' };
}

const WRAPPERS = /^(tini|dumb-init|docker-entrypoint\.sh|--|-s|-g)$/;

/** Node flags that take the next word as their value (`-r tsx`, `--require x`, `--import x`). */
function isFlagValue(words: string[], index: number): boolean {
  const previous = words[index - 1];
  return previous === '-r' || previous === '--require' || previous === '--import' || previous === '--loader';
}

/** The absolute path an entry argument resolves to inside the image. */
export function entryPath(info: ImageInfo, entry: string): string {
  return posix.resolve(info.workingDir || '/', entry);
}
