import { posix } from 'node:path';
import { effectiveSteps, installsIn } from '../dockerfile/stages.js';
import { scriptBody } from './project.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS129: a postinstall `prisma generate` needs the schema in place before the install. */
export const postinstallBeforeSchema: Rule = {
  meta: {
    id: 'NS129',
    name: 'postinstall-before-schema',
    severity: 'error',
    summary: 'When postinstall runs `prisma generate`, the schema is copied before the install.',
    why: 'The install runs the postinstall script. With only package.json and the lockfile copied, `prisma generate` finds no schema and the install fails (or, in a production install, finds no Prisma CLI).',
    fix: 'Copy the schema (and prisma.config.ts) before the install, run the install with `--ignore-scripts` and generate explicitly in the build stage, or drop the postinstall hook.',
  },
  check(ctx) {
    const body = scriptBody(ctx, 'postinstall') ?? '';
    if (!/prisma\s+generate/.test(body)) return [];
    const schema = ctx.profile?.prisma?.schema.value ?? 'prisma/schema.prisma';
    const findings = [];
    for (const { step, install } of installsIn(ctx.model.steps)) {
      if (install.command.words.some((w) => w.value === '--ignore-scripts')) continue;
      const stage = ctx.model.stages[step.stage];
      if (!stage) continue;
      const steps = effectiveSteps(ctx.model, stage);
      const before = steps.slice(0, steps.indexOf(step));
      const copied = before.some((s) => s.copy && s.copy.from === undefined && s.copy.sources.some((src) => covers(src, schema)));
      if (copied) continue;
      const word = install.command.words[0]!;
      findings.push(atDockerfile(ctx, this.meta, ctx.spanAt(word.start, install.verb.end), `postinstall runs \`prisma generate\`, but ${schema} is not copied before this install.`));
    }
    return findings;
  },
};

/** A context path that contains the schema: itself, a parent folder, or the whole context. */
function covers(src: string, schema: string): boolean {
  const clean = posix.normalize(src).replace(/^\.\//, '').replace(/\/+$/, '');
  if (clean === '.' || clean === '' || clean === '*') return true;
  return schema === clean || schema.startsWith(`${clean}/`);
}
