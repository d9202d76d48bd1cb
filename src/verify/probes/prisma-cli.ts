/**
 * NS316: the Prisma CLI stays out of the runtime image (the `migrate` target is where it belongs).
 * `@prisma/client` declares `prisma` as an optional peer, so npm's lockfile marks the CLI
 * devOptional and `npm ci --omit=dev` keeps it, with typescript and the CLI's other dependencies.
 */
import type { RuleMeta } from '../../findings.js';
import { installedPackages, topLevelSizes } from '../packages.js';
import { bytes, fail, NOTHING, pass, type Probe } from '../probe.js';

export const PRISMA_CLI: RuleMeta = {
  id: 'NS316',
  name: 'prisma-cli-shipped',
  severity: 'warning',
  summary: 'The Prisma CLI must not ship in the runtime image, only in a migrate target.',
  why:
    'The CLI and its dependencies are hundreds of megabytes the service never runs. Migrations belong ' +
    'in a separate one-shot image that runs once per deploy, not in every replica.',
  fix:
    'Install the runtime node_modules without the CLI (`npm ci --omit=dev --omit=optional` when the ' +
    'lockfile has no real optional dependency, or prune `prisma` after the install) and build a `migrate` target.',
};

export const prismaCliProbe: Probe = {
  rules: [PRISMA_CLI],
  judge(context) {
    if (!context.project.prisma) return NOTHING;
    const installed = installedPackages(context.files.values(), context.info.workingDir);
    const cli = installed.get('node_modules/prisma');
    if (context.target === 'migrate') {
      return cli
        ? pass(PRISMA_CLI, 'the migrate target carries the Prisma CLI', { cliBytes: cli.bytes })
        : fail(PRISMA_CLI, 'the migrate target has no Prisma CLI in node_modules', context.at(), {});
    }
    if (!cli) return pass(PRISMA_CLI, 'the Prisma CLI is not in the runtime image');
    // The CLI's weight is its own folder plus @prisma/engines and the CLI-only dependencies.
    const sizes = topLevelSizes(installed.values());
    const weight = ['prisma', '@prisma/engines', '@prisma/config', '@prisma/dev']
      .reduce((sum, name) => sum + (sizes.get(name) ?? 0), 0);
    return fail(
      PRISMA_CLI,
      `the runtime image ships the Prisma CLI (${bytes(weight)} with its engines and config)`,
      context.at(),
      { cliBytes: weight },
    );
  },
};
