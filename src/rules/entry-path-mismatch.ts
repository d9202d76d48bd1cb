import { posix } from 'node:path';
import { expand } from '../dockerfile/expand.js';
import { programOf } from '../dockerfile/shell.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';
import { startCommand } from './start-command.js';

/** NS113: the path node starts must be where the build writes the entry. */
export const entryPathMismatch: Rule = {
  meta: {
    id: 'NS113',
    name: 'entry-path-mismatch',
    severity: 'error',
    summary: 'The CMD starts the entry file the build really writes.',
    why: 'The compiled entry moves with the Nest and TypeScript configuration: `dist/main.js` in a standard project, `dist/src/main.js` when files outside src/ are compiled, `dist/apps/NAME/main.js` in monorepo mode. A wrong path means the container exits at once with MODULE_NOT_FOUND.',
    fix: 'Point CMD at the entry nestship detected from nest-cli.json and tsconfig (see `nestship init`), or fix the tsconfig rootDir.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    const entry = ctx.profile?.nest.entryPath.value;
    if (!final || !entry) return [];
    const start = startCommand(ctx.model, final);
    const node = start.commands.find((c) => programOf(c) === 'node');
    const step = start.cmd ?? start.entrypoint;
    if (!node || !step) return [];
    // The first argument that is not a flag (or a flag's value) is the script.
    const words = node.words.slice(1);
    const index = words.findIndex((w, i) => !w.value.startsWith('-') && !/^-(r|-require|-import|-loader)$/.test(words[i - 1]?.value ?? ''));
    const script = words[index];
    if (!script) return [];
    const path = expand(script.value, step.scope, ctx.model.escapeChar);
    const actual = withJs(posix.resolve(final.endWorkdir, path));
    const expected = withJs(posix.resolve(final.endWorkdir, entry));
    if (actual === expected) return [];
    return [atDockerfile(ctx, this.meta, ctx.spanAt(script.start, script.end), `CMD starts ${path}, but the build writes the entry to ${entry}.`)];
  },
};

/** node resolves `dist/main` to `dist/main.js`. */
function withJs(path: string): string {
  return /\.(c|m)?js$/.test(path) ? path : `${path}.js`;
}
