import type { Step } from '../dockerfile/model.js';
import { hasFlag } from '../dockerfile/shell.js';
import { ancestry, installsIn } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** Sources that bring the application code along with the manifests. */
const SOURCE_LIKE = /^(\.\/?|\*|src\/?|\.\/src\/?)$/;

/** NS101: copying the source before the install re-runs the install on every code change. */
export const manifestsBeforeSource: Rule = {
  meta: {
    id: 'NS101',
    name: 'manifests-before-source',
    severity: 'error',
    summary: 'package.json and the lockfile are copied and installed before the source.',
    why: 'Each layer is cached only while every layer before it is unchanged. When the whole source is copied before the dependency install, any code change invalidates the install, so every build downloads and installs all dependencies again.',
    fix: 'Copy only the manifests (`COPY package.json package-lock.json ./`), install, and copy the source after that.',
  },
  check(ctx) {
    const findings = [];
    for (const stage of ctx.model.stages) {
      const steps = ancestry(ctx.model, stage).reverse().flatMap((s) => s.steps);
      // `pnpm install --offline` after `pnpm fetch` installs from a store cached on the lockfile alone.
      const first = installsIn(stage.steps).find((i) => !hasFlag(i.install.command, '--offline'));
      if (!first) continue;
      const before = steps.slice(0, steps.indexOf(first.step));
      const copy = before.find((s) => isSourceCopy(s));
      if (!copy) continue;
      findings.push(
        atDockerfile(ctx, this.meta, copy.keywordSpan, `The source is copied before the dependency install on line ${first.step.span.line}, so every code change reinstalls dependencies.`),
      );
    }
    return findings;
  },
};

function isSourceCopy(step: Step): boolean {
  const copy = step.copy;
  return !!copy && copy.from === undefined && copy.sources.some((src) => SOURCE_LIKE.test(src));
}
