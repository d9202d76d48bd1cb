import { installsIn } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS102: the dependency install belongs in its own stage, not in the image that ships. */
export const dedicatedDepsStage: Rule = {
  meta: {
    id: 'NS102',
    name: 'dedicated-deps-stage',
    severity: 'warning',
    summary: 'Dependencies are installed in a dedicated, cached stage.',
    why: 'When the only install happens in the runtime stage, the build tools, the package-manager cache and the devDependencies the build needs all end up in the shipped image, and the install cannot be cached apart from the runtime setup.',
    fix: 'Install in a `deps` stage that copies only the manifests, build in a `builder` stage, and copy the results into a fresh runtime stage.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    const installs = installsIn(ctx.model.steps);
    // A production-only install next to a prebuilt dist/ is a lean runtime, not a mixed stage.
    const first = installs.find((i) => !i.install.productionOnly);
    if (!first || installs.some((i) => i.step.stage !== final.index)) return [];
    return [atDockerfile(ctx, this.meta, first.step.keywordSpan, 'Dependencies are installed only in the runtime stage; there is no dedicated dependency stage.')];
  },
};
