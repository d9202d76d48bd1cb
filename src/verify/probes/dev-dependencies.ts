/**
 * NS310: no devDependencies in the runtime node_modules. The lockfile's `dev: true` flags are the
 * truth (a devDependency that a production package also needs is not dev there); without an npm
 * lockfile, package.json's devDependencies are compared by name.
 */
import type { RuleMeta } from '../../findings.js';
import { installedPackages } from '../packages.js';
import { bytes, fail, NOTHING, pass, type Probe } from '../probe.js';

export const DEV_DEPENDENCIES: RuleMeta = {
  id: 'NS310',
  name: 'dev-dependencies-shipped',
  severity: 'error',
  summary: 'The runtime node_modules must not hold devDependencies.',
  why:
    'Compilers, test runners and CLIs make the image several times larger, slow every pull, and ' +
    'add packages whose vulnerabilities ship to production without ever being used there.',
  fix: 'Install the runtime node_modules in their own stage with `npm ci --omit=dev` (or the package manager\'s equivalent).',
};

/** The Prisma CLI is judged by NS316 (it is devOptional, not dev, in npm's lockfile). */
const JUDGED_ELSEWHERE = new Set(['prisma', '@prisma/engines']);

export const devDependenciesProbe: Probe = {
  rules: [DEV_DEPENDENCIES],
  judge(context) {
    const { project } = context;
    // The migrate target exists to carry the Prisma CLI, itself a devDependency, and what it needs.
    if (context.target === 'migrate') return NOTHING;
    const installed = installedPackages(context.files.values(), context.info.workingDir);
    const shipped = [...installed.values()].filter((pkg) => {
      if (JUDGED_ELSEWHERE.has(pkg.name)) return false;
      if (project.lockDevOnly.size > 0) return project.lockDevOnly.has(pkg.path);
      return pkg.path === `node_modules/${pkg.name}` && project.devDependencies.has(pkg.name) &&
        !project.dependencies.has(pkg.name);
    });
    const total = shipped.reduce((sum, pkg) => sum + pkg.bytes, 0);
    const figures = { devPackages: shipped.length, devBytes: total, installedPackages: installed.size };
    if (shipped.length === 0) {
      return pass(DEV_DEPENDENCIES, `no devDependencies among ${installed.size} installed packages`, figures);
    }
    const direct = shipped.filter((pkg) => project.devDependencies.has(pkg.name)).map((pkg) => pkg.name);
    const named = (direct.length ? direct : shipped.map((pkg) => pkg.name)).slice(0, 5).join(', ');
    return fail(
      DEV_DEPENDENCIES,
      `the runtime node_modules holds ${shipped.length} dev-only packages (${bytes(total)}), among them ${named}`,
      context.at(),
      { ...figures, examples: named },
    );
  },
};
