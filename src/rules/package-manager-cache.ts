import type { Step } from '../dockerfile/model.js';
import { programOf, type ShellCommand } from '../dockerfile/shell.js';
import { installsIn } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** Cache folders of npm, yarn, pnpm and bun. */
const CACHE_DIR = /(\.npm|\.cache|yarn|pnpm|\.bun)(\/|$)/;

/** NS124: an install's download cache should live in a cache mount, not in the layer. */
export const packageManagerCache: Rule = {
  meta: {
    id: 'NS124',
    name: 'package-manager-cache',
    severity: 'warning',
    summary: 'Installs use a cache mount or clean the package-manager cache.',
    why: 'npm, yarn, pnpm and bun keep every downloaded tarball in a cache folder. Without a cache mount that folder is written into the install layer (often as large as node_modules itself), and the next build with a changed lockfile downloads everything again.',
    fix: 'Add `--mount=type=cache,target=/root/.npm` (yarn: /usr/local/share/.cache/yarn, pnpm: /root/.local/share/pnpm/store, bun: /root/.bun/install/cache) to the RUN, or end it with `npm cache clean --force`.',
  },
  check(ctx) {
    const findings = [];
    const seen = new Set<Step>();
    for (const { step, install } of installsIn(ctx.model.steps)) {
      if (seen.has(step) || hasCacheMount(step) || step.commands.some(cleansCache)) continue;
      seen.add(step);
      const word = install.command.words[0]!;
      findings.push(atDockerfile(ctx, this.meta, ctx.spanAt(word.start, install.verb.end), `This ${install.manager} install leaves its download cache in the layer.`));
    }
    return findings;
  },
};

function hasCacheMount(step: Step): boolean {
  return step.flags.some((f) => f.name === 'mount' && /(^|,)type=cache(,|$)/.test(f.value ?? ''));
}

function cleansCache(command: ShellCommand): boolean {
  const program = programOf(command);
  const words = command.words.map((w) => w.value);
  if ((program === 'npm' || program === 'yarn') && words[1] === 'cache' && words[2] === 'clean') return true;
  if (program === 'pnpm' && words[1] === 'store' && words[2] === 'prune') return true;
  if (program === 'bun' && words.includes('--no-cache')) return true;
  return program === 'rm' && words.slice(1).some((w) => !w.startsWith('-') && CACHE_DIR.test(w));
}
