import { isWholeFolder } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS105: the runtime takes built artefacts, not the whole context or the builder's whole app. */
export const runtimeOnlyArtifacts: Rule = {
  meta: {
    id: 'NS105',
    name: 'runtime-only-artifacts',
    severity: 'error',
    summary: 'The runtime image receives only runtime artefacts.',
    why: 'Copying the whole build context, or the builder\'s whole app folder, into the runtime ships TypeScript sources, tests, devDependencies, caches and anything else lying around, which makes the image larger and exposes more than the service needs.',
    fix: 'Copy dist/, the production node_modules, package.json and the files the app reads at runtime, each by path.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    // A single-stage build has nowhere else to put its build; NS102 speaks about that.
    if (!final || ctx.model.stages.length < 2) return [];
    const findings = [];
    for (const step of final.steps) {
      const copy = step.copy;
      if (!copy) continue;
      const source = copy.fromStage === undefined ? undefined : ctx.model.stages[copy.fromStage];
      if (copy.from !== undefined && !source) continue;
      const workdir = source?.endWorkdir ?? '/nonexistent';
      const whole = copy.sources.find((src) => isWholeFolder(src, workdir));
      if (whole === undefined) continue;
      const what = source ? `the whole ${whole} of stage ${source.name ?? source.index}` : 'the whole build context';
      findings.push(atDockerfile(ctx, this.meta, step.keywordSpan, `The runtime stage copies ${what}.`));
    }
    return findings;
  },
};
