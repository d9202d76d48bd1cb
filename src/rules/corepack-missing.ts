import { programOf } from '../dockerfile/shell.js';
import { effectiveSteps, rootImage } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS131: Node 25 and later no longer bundle corepack. */
export const corepackMissing: Rule = {
  meta: {
    id: 'NS131',
    name: 'corepack-missing',
    severity: 'error',
    summary: 'corepack is only called on Node versions that ship it.',
    why: 'Node.js 25 stopped bundling corepack, so `corepack enable` fails with "command not found" on `node:25` and later images.',
    fix: 'Install it first (`npm install -g corepack@latest`) or install the package manager directly (`npm install -g pnpm@X.Y.Z`).',
  },
  check(ctx) {
    const findings = [];
    for (const stage of ctx.model.stages) {
      const major = /^(?:docker\.io\/)?(?:library\/)?node:(\d+)/.exec(rootImage(ctx.model, stage))?.[1];
      if (!major || Number(major) < 25) continue;
      let installed = false;
      for (const step of effectiveSteps(ctx.model, stage)) {
        for (const command of step.commands) {
          const words = command.words.map((w) => w.value);
          if (programOf(command) === 'npm' && words.some((w) => /^corepack(@|$)/.test(w))) installed = true;
          if (programOf(command) !== 'corepack' || installed || step.stage !== stage.index) continue;
          const word = command.words[0]!;
          findings.push(atDockerfile(ctx, this.meta, ctx.spanAt(word.start, word.end), `node:${major} does not ship corepack.`));
        }
      }
    }
    return findings;
  },
};
