import { posix } from 'node:path';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS135: `COPY prisma .` copies the folder's contents, not the folder. */
export const copyFlattensFolder: Rule = {
  meta: {
    id: 'NS135',
    name: 'copy-flattens-folder',
    severity: 'error',
    summary: 'Project folders are copied to a folder of the same name, not into the working directory.',
    why: 'COPY of a directory copies what is inside it. `COPY prisma .` therefore puts schema.prisma and migrations/ at the root of the working directory, where the Prisma CLI, prisma.config.ts and relative output paths no longer find them; `COPY src .` breaks the paths tsconfig expects in the same way.',
    fix: 'Name the folder in the destination: `COPY prisma ./prisma`.',
  },
  check(ctx) {
    const folders = new Set(['prisma', 'src', 'patches', 'migrations']);
    const schema = ctx.profile?.prisma?.schema.value;
    if (schema) folders.add(schema.endsWith('.prisma') ? posix.dirname(schema) : schema);
    if (ctx.profile) folders.add(ctx.profile.nest.sourceRoot.value);
    const findings = [];
    for (const step of ctx.model.steps) {
      const copy = step.copy;
      if (!copy || copy.from !== undefined || copy.destAbs !== posix.resolve(step.workdir)) continue;
      const folder = copy.sources.find((src) => folders.has(posix.normalize(src).replace(/^\.\//, '').replace(/\/+$/, '')));
      if (!folder) continue;
      findings.push(atDockerfile(ctx, this.meta, step.argsSpan ?? step.span, `COPY ${folder} ${copy.dest} puts the contents of ${folder}/ into ${step.workdir}, not a ${folder}/ folder.`));
    }
    return findings;
  },
};
