import { isPrismaGenerate, installOf } from '../dockerfile/commands.js';
import type { Step } from '../dockerfile/model.js';
import type { ShellCommand } from '../dockerfile/shell.js';
import type { RuleContext } from './context.js';
import { runsCommand, scriptBody } from './project.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS104: a Prisma project must generate its client while building. */
export const prismaGenerateInBuild: Rule = {
  meta: {
    id: 'NS104',
    name: 'prisma-generate-in-build',
    severity: 'error',
    summary: 'The Prisma client is generated in the build stage.',
    why: 'The generated client is code compiled from the schema. Without `prisma generate` during the build, the app either fails to compile or starts with a stub client that throws on the first query.',
    fix: 'Run `npx prisma generate` in the build stage after copying the schema and before `npm run build`.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!ctx.profile?.prisma || !final) return [];
    const generating = ctx.model.steps.filter((s) => s.stage >= 0 && s.stage !== final.index && generates(ctx, s));
    if (generating.length > 0) return [];
    const where = ctx.model.stages.length > 1 ? ctx.model.stages[ctx.model.stages.length - 2]! : final;
    return [atDockerfile(ctx, this.meta, where.from.keywordSpan, 'The project uses Prisma but no build stage runs `prisma generate`.')];
  },
};

/** A RUN that generates the client: directly, through a script, or through a postinstall hook. */
export function generates(ctx: RuleContext, step: Step): boolean {
  if (step.keyword !== 'RUN') return false;
  return step.commands.some((c) => runsCommand(ctx, c, isPrismaGenerate) || installRunsGenerate(ctx, c));
}

function installRunsGenerate(ctx: RuleContext, command: ShellCommand): boolean {
  const install = installOf(command);
  if (!install || command.words.some((w) => w.value === '--ignore-scripts')) return false;
  return /prisma\s+generate/.test(scriptBody(ctx, 'postinstall') ?? '');
}
