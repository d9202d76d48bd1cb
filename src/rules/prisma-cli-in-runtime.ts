import { programOf, type ShellCommand } from '../dockerfile/shell.js';
import { nodeModulesOrigins } from '../dockerfile/stages.js';
import type { Finding } from '../findings.js';
import { packageJson } from './project.js';
import type { Rule } from './rule.js';
import { atDockerfile, atFile } from './rule.js';

/** NS123: the Prisma CLI (and its hundreds of MB of dependencies) stays out of the runtime. */
export const prismaCliInRuntime: Rule = {
  meta: {
    id: 'NS123',
    name: 'prisma-cli-in-runtime',
    severity: 'warning',
    summary: 'The Prisma CLI is not shipped in the runtime image.',
    why: '@prisma/client names the `prisma` CLI as an optional peer, so npm\'s lockfile marks the CLI and its dependencies `devOptional` and `npm ci --omit=dev` keeps them: typescript, the engines and more, often over 250 MB. A `prisma` entry in dependencies ships it outright. The runtime only needs the generated client.',
    fix: 'Keep `prisma` in devDependencies; install the runtime with `npm ci --omit=dev --omit=optional` (when no production package needs optional dependencies) or remove the lockfile\'s devOptional packages after the install, and run migrations from a separate `migrate` target.',
  },
  check(ctx) {
    const prisma = ctx.profile?.prisma;
    const final = ctx.finalStage;
    if (!prisma || !final) return [];
    const pkg = packageJson(ctx);
    if (pkg?.dependencies?.prisma !== undefined) {
      return [atFile(this.meta, 'package.json', '`prisma` is a production dependency, so the CLI ships in the runtime image.', { jsonPath: 'dependencies.prisma' })];
    }
    if (ctx.profile!.packageManager.name.value !== 'npm' || !pkg?.dependencies?.['@prisma/client']) return [];
    const findings: Finding[] = [];
    for (const origin of nodeModulesOrigins(ctx.model, final)) {
      for (const { step, install } of origin.installs) {
        if (!install.productionOnly || install.omitsOptional) continue;
        if (step.commands.some(removesPrismaCli)) continue;
        const at = origin.via ?? step;
        findings.push(atDockerfile(ctx, this.meta, at.keywordSpan, `The runtime node_modules come from \`npm ci --omit=dev\` on line ${step.span.line}, which keeps the devOptional Prisma CLI.`));
      }
    }
    return findings;
  },
};

/** `rm -rf node_modules/prisma`, `npm uninstall prisma`, or a script pruning devOptional entries. */
function removesPrismaCli(command: ShellCommand): boolean {
  const words = command.words.map((w) => w.value);
  const program = programOf(command);
  if (program === 'rm') return words.some((w) => /node_modules\/prisma\/?$/.test(w));
  if (program === 'npm' && ['uninstall', 'rm', 'remove'].includes(words[1] ?? '')) return words.includes('prisma');
  if (program === 'node') return words.some((w) => w.includes('devOptional'));
  return false;
}
