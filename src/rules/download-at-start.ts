import { isDownloadRunner } from '../dockerfile/commands.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';
import { startCommand } from './start-command.js';

/** NS128: `npx`, `pnpm dlx` or `bunx` in the start command fetch packages at container start. */
export const downloadAtStart: Rule = {
  meta: {
    id: 'NS128',
    name: 'download-at-start',
    severity: 'error',
    summary: 'The start command does not download packages (npx, pnpm dlx, bunx).',
    why: 'When the package is not installed in the image, npx and its kin download it, unpinned, at every container start. Starts then need the registry, take longer, and may run a different version than the lockfile names.',
    fix: 'Install what the start needs as a dependency and call it through node_modules/.bin, or move the task (migrations, for example) to a separate target.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    return startCommand(ctx.model, final)
      .commands.filter(isDownloadRunner)
      .map((command) => {
        const word = command.words[0]!;
        return atDockerfile(ctx, this.meta, ctx.spanAt(word.start, word.end), `\`${word.value}\` in the start command downloads packages when the container starts.`);
      });
  },
};
