/**
 * NS315: the generated Prisma client is in the image where the runtime resolves it, and it loads
 * with the image's node. The most reported Prisma-in-Docker failure is a client generated in one
 * stage and missing, stale or unloadable in the runtime.
 */
import type { RuleMeta } from '../../findings.js';
import { fail, inImage, NOTHING, pass, type Probe } from '../probe.js';

export const PRISMA_CLIENT: RuleMeta = {
  id: 'NS315',
  name: 'prisma-client-unusable',
  severity: 'error',
  summary: 'The generated Prisma client must be in the runtime image and load there.',
  why:
    'Prisma generates its client into the project at build time. A runtime stage that installs ' +
    'node_modules afresh, or copies dist/ without the generated output, starts and then fails on the ' +
    'first query.',
  fix:
    'Run `prisma generate` in the build stage and copy its output to the runtime: dist/ for the ' +
    '`prisma-client` generator, node_modules/.prisma for `prisma-client-js`.',
};

export const prismaClientProbe: Probe = {
  rules: [PRISMA_CLIENT],
  judge(context) {
    const observed = context.prisma;
    const setup = context.project.prisma;
    // The migrate target runs the CLI, which needs no generated client.
    if (!observed || !setup || context.target === 'migrate') return NOTHING;
    const at = context.at();
    if (!observed.clientPath) {
      const looked = observed.looked.filter((p) => /client\.js$|index\.js$/.test(p)).slice(0, 3);
      return fail(
        PRISMA_CLIENT,
        `the generated Prisma client (${setup.generator}${setup.output ? `, output ${setup.output}` : ''}) is not in the image; looked for ${looked.map((p) => inImage(context, p)).join(', ')}`,
        at,
        { generator: setup.generator },
      );
    }
    const path = inImage(context, observed.clientPath);
    return observed.loaded
      ? pass(PRISMA_CLIENT, `the Prisma client ${path} loads in the image`, { client: path })
      : fail(PRISMA_CLIENT, `the Prisma client ${path} is in the image but does not load: ${observed.error ?? ''}`, at, {
          client: path,
        });
  },
};
