import { isBuildCommand } from '../dockerfile/commands.js';
import type { Span, Step } from '../dockerfile/model.js';
import { ancestry, nodeModulesOrigins, type InstallStep } from '../dockerfile/stages.js';
import type { RuleContext } from './context.js';
import { runsCommand } from './project.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS111: the build needs devDependencies; NODE_ENV=production or --omit=dev before it drops them. */
export const nodeEnvBeforeBuild: Rule = {
  meta: {
    id: 'NS111',
    name: 'node-env-before-build',
    severity: 'error',
    summary: 'NODE_ENV=production is set only in the runtime stage, after the build install.',
    why: 'With NODE_ENV=production (or --omit=dev) in effect, npm, pnpm and yarn skip devDependencies. The build stage then has no Nest CLI, TypeScript or Prisma CLI, and the build fails with `nest: not found`. Setting it in a shared base stage is the usual way this happens.',
    fix: 'Set `ENV NODE_ENV=production` in the runtime stage only, and install all dependencies in the build stage.',
  },
  check(ctx) {
    const buildScript = ctx.profile?.nest.buildScript.value ?? 'build';
    const findings = [];
    for (const stage of ctx.model.stages) {
      const build = stage.steps.find(
        (s) => s.keyword === 'RUN' && s.commands.some((c) => runsCommand(ctx, c, (x) => isBuildCommand(x, buildScript))),
      );
      if (!build) continue;
      const installs = nodeModulesOrigins(ctx.model, stage).flatMap((o) => o.installs);
      if (installs.length === 0 || installs.some((i) => !i.install.productionOnly)) continue;
      const first = installs[0]!;
      findings.push(atDockerfile(ctx, this.meta, culprit(ctx, first), `The build on line ${build.span.line} gets only production dependencies from the install on line ${first.step.span.line}, so the build tools are missing.`));
    }
    return findings;
  },
};

/** Point at the ENV that set NODE_ENV when that is the cause, else at the install's flag. */
function culprit(ctx: RuleContext, install: InstallStep): Span {
  if (install.install.command.words.some((w) => /^--(omit|production|prod|only)/.test(w.value) || w.value === '-P')) {
    return install.step.keywordSpan;
  }
  const stage = ctx.model.stages[install.step.stage];
  const env = stage && findNodeEnv(ancestry(ctx.model, stage).reverse().flatMap((s) => s.steps), install.step);
  return env ?? install.step.keywordSpan;
}

function findNodeEnv(steps: Step[], before: Step): Span | undefined {
  let found: Span | undefined;
  for (const step of steps) {
    if (step === before) break;
    const decl = step.declarations.find((d) => d.name === 'NODE_ENV' && d.value === 'production');
    if (decl) found = decl.nameSpan;
  }
  return found;
}
