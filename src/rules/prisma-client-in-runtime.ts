import { posix } from 'node:path';
import type { Stage } from '../dockerfile/model.js';
import { effectiveSteps, feedingStages, isWholeFolder, nodeModulesOrigins } from '../dockerfile/stages.js';
import type { RuleContext } from './context.js';
import { generates } from './prisma-generate-in-build.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS122: the generated client has to be where the runtime resolves it. */
export const prismaClientInRuntime: Rule = {
  meta: {
    id: 'NS122',
    name: 'prisma-client-in-runtime',
    severity: 'error',
    summary: 'The generated Prisma client reaches the runtime image.',
    why: 'The client is generated into node_modules/.prisma (prisma-client-js) or a custom `output` folder. When the runtime takes node_modules from a stage that never generated, or the custom output is neither compiled into dist/ nor copied, the app starts and then fails with "@prisma/client did not initialize yet" or a missing module.',
    fix: 'Copy the generated folder from the build stage into the runtime (for example `COPY --from=builder /app/node_modules/.prisma ./node_modules/.prisma`), or generate into src/ with the `prisma-client` generator so the build compiles it into dist/.',
  },
  check(ctx) {
    const prisma = ctx.profile?.prisma;
    const final = ctx.finalStage;
    if (!prisma || !final || ctx.model.stages.length < 2) return [];
    const output = prisma.output?.value;
    const sourceRoot = ctx.profile!.nest.sourceRoot.value.replace(/\/+$/, '');
    // TypeScript output under the source root is compiled into dist/ with the app.
    if (output && prisma.generator.value === 'prisma-client' && isUnder(output, sourceRoot)) return [];
    const path = output ?? 'node_modules/.prisma/client';
    if (reaches(ctx, final, path)) return [];
    const last = [...final.steps].reverse().find((s) => s.copy) ?? final.from;
    return [atDockerfile(ctx, this.meta, last.keywordSpan, `The generated Prisma client (${path}) does not reach the runtime stage.`)];
  },
};

function isUnder(path: string, dir: string): boolean {
  const clean = posix.normalize(path).replace(/^\.\//, '');
  return clean === dir || clean.startsWith(`${dir}/`);
}

/**
 * Whether the final image holds `path` (project-relative) as generated: the runtime generates it,
 * copies it (or a folder containing it) from a stage that generated it, or takes node_modules
 * from such a stage when the path lives in node_modules.
 */
function reaches(ctx: RuleContext, final: Stage, path: string): boolean {
  const model = ctx.model;
  const generatedIn = (stage: Stage): boolean =>
    feedingStages(model, stage).some((s) => s.steps.some((step) => generates(ctx, step)));
  if (effectiveSteps(model, final).some((s) => generates(ctx, s))) return true;
  for (const step of final.steps) {
    const copy = step.copy;
    const source = copy?.fromStage === undefined ? undefined : model.stages[copy.fromStage];
    if (!copy || !source || !generatedIn(source)) continue;
    if (copy.sources.some((src) => covers(src, source, path))) return true;
  }
  // node_modules origins that generated after installing.
  if (path.startsWith('node_modules/')) {
    return nodeModulesOrigins(model, final).some((o) => o.via && generatedIn(model.stages[o.via.copy!.fromStage!]!));
  }
  return false;
}

/** Whether a COPY source (in the source stage) contains the project-relative `path`. */
function covers(src: string, source: Stage, path: string): boolean {
  if (isWholeFolder(src, source.endWorkdir)) return true;
  const abs = posix.resolve(source.endWorkdir, src).replace(/\/+$/, '');
  const target = posix.resolve(source.endWorkdir, path);
  return target === abs || target.startsWith(`${abs}/`);
}
