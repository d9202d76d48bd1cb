import { programOf } from '../dockerfile/shell.js';
import { effectiveSteps } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

const SHIMMED = new Set(['pnpm', 'yarn', 'pnpx']);

/** NS126: corepack reads the version from package.json, so copy it before calling pnpm or yarn. */
export const corepackBeforeManifest: Rule = {
  meta: {
    id: 'NS126',
    name: 'corepack-before-manifest',
    severity: 'warning',
    summary: 'pnpm or yarn run through corepack only after package.json is copied.',
    why: 'corepack picks the package-manager version from the `packageManager` field of package.json. Called before that file is in the image, it downloads whatever release is current (or prompts), so builds drift from the version the lockfile was written with.',
    fix: 'Copy package.json (with the lockfile) before the first pnpm or yarn command, or pin the version with `corepack prepare pnpm@X.Y.Z --activate`.',
  },
  check(ctx) {
    const findings = [];
    for (const stage of ctx.model.stages) {
      let enabled = false;
      let manifest = false;
      let pinned = false;
      for (const step of effectiveSteps(ctx.model, stage)) {
        if (step.copy?.sources.some((s) => /(^|\/)(package\*?\.json|\.\/?|\*)$/.test(s))) manifest = true;
        for (const command of step.commands) {
          const words = command.words.map((w) => w.value);
          if (programOf(command) === 'corepack') {
            enabled ||= words[1] === 'enable';
            pinned ||= (words[1] === 'prepare' || words[1] === 'use') && words.some((w) => /@\d/.test(w));
            continue;
          }
          if (step.stage !== stage.index || !enabled || manifest || pinned || !SHIMMED.has(programOf(command))) continue;
          const word = command.words[0]!;
          findings.push(atDockerfile(ctx, this.meta, ctx.spanAt(word.start, word.end), `${word.value} runs through corepack before package.json is copied, so its version is not the project's.`));
        }
      }
    }
    return findings;
  },
};
