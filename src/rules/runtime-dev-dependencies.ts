import { isProductionPrune } from '../dockerfile/commands.js';
import { nodeModulesOrigins } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS106: the node_modules that ship come from a production-only install. */
export const runtimeDevDependencies: Rule = {
  meta: {
    id: 'NS106',
    name: 'runtime-dev-dependencies',
    severity: 'error',
    summary: 'The runtime installs omit devDependencies.',
    why: 'The Nest CLI, TypeScript, test runners and linters are only needed to build. Shipping them multiplies the image size and adds packages whose vulnerabilities then count against the service.',
    fix: 'Install runtime dependencies in their own stage with `npm ci --omit=dev` (or `pnpm install --prod`, `yarn workspaces focus --production`, `bun install --production`) and copy that node_modules.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    // A prune in the runtime stage fixes whatever came before it.
    if (final.steps.some((s) => s.commands.some(isProductionPrune))) return [];
    const findings = [];
    for (const origin of nodeModulesOrigins(ctx.model, final)) {
      if (origin.pruned) continue;
      const full = origin.installs.find((i) => !i.install.productionOnly && !i.prunedAfter);
      if (!full) continue;
      const at = origin.via ?? full.step;
      const line = full.step.span.line;
      findings.push(atDockerfile(ctx, this.meta, at.keywordSpan, `The runtime node_modules come from the install on line ${line}, which includes devDependencies.`));
    }
    return findings;
  },
};
