import type { Step } from '../dockerfile/model.js';
import { bringsNodeModules } from '../dockerfile/stages.js';
import type { RuleContext } from './context.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

const DIST = /(^|\/)dist(\/|$)/;

/** NS110: dist/ before node_modules makes every source change re-ship node_modules. */
export const runtimeCopyOrder: Rule = {
  meta: {
    id: 'NS110',
    name: 'runtime-copy-order',
    severity: 'warning',
    summary: 'The runtime stage copies node_modules before dist/.',
    why: 'Layers are cached in order. When the compiled dist/ is copied first, a one-line source change invalidates every later layer, so the node_modules layer (often hundreds of MB) is rebuilt, pushed and pulled again although no dependency changed.',
    fix: 'Move the COPY of node_modules (and package.json) above the COPY of dist/ in the runtime stage.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    const copies = final.steps.filter((s) => s.copy && s.copy.sources.length > 0);
    const dist = copies.find((s) => s.copy!.sources.some((src) => DIST.test(src)));
    if (!dist) return [];
    const modules = copies.find(
      (s) => s.span.line > dist.span.line && s.copy!.sources.some((src) => bringsModulesOnly(ctx, s, src)),
    );
    if (!modules) return [];
    return [
      atDockerfile(ctx, this.meta, modules.keywordSpan, `node_modules is copied after dist/ (line ${dist.span.line}), so every source change re-ships the node_modules layer.`),
    ];
  },
};

/** A source that is node_modules itself, not the whole app folder (that is NS105's business). */
function bringsModulesOnly(ctx: RuleContext, step: Step, source: string): boolean {
  const from = step.copy?.fromStage;
  const workdir = from === undefined ? '/' : ctx.model.stages[from]?.endWorkdir ?? '/';
  return bringsNodeModules(source, workdir) && /(^|\/)node_modules\/?$/.test(source);
}
