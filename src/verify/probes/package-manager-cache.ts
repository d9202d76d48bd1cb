/**
 * NS314: no package-manager cache in any layer. npm, yarn, pnpm and bun keep a copy of every
 * tarball they installed; in a layer it doubles the dependency bytes and helps nothing at run time.
 */
import type { RuleMeta } from '../../findings.js';
import { everyLayerFile, type FinalFile } from '../layers.js';
import { listPaths } from '../content.js';
import { bytes, fail, pass, type Probe } from '../probe.js';

export const PM_CACHE: RuleMeta = {
  id: 'NS314',
  name: 'package-manager-cache-shipped',
  severity: 'warning',
  summary: 'No package-manager cache (npm, yarn, pnpm, bun) in any layer.',
  why:
    'The cache is a second copy of every installed package. It makes the image larger, and deleting ' +
    'it in a later step does not help because the earlier layer still ships.',
  fix:
    'Use a BuildKit cache mount for the cache folder (`RUN --mount=type=cache,target=/root/.npm npm ci`), ' +
    'or clean it in the same RUN as the install.',
};

const CACHE_DIR =
  /\/(\.npm\/_cacache|\.cache\/yarn|\.yarn\/berry\/cache|\.local\/share\/pnpm\/store|\.pnpm-store|\.cache\/pnpm|\.bun\/install\/cache)\//;

export const packageManagerCacheProbe: Probe = {
  rules: [PM_CACHE],
  judge(context) {
    const cached: FinalFile[] = [];
    for (const file of everyLayerFile(context.scan)) {
      if (file.type === 'file' && CACHE_DIR.test(file.path)) cached.push(file);
    }
    if (cached.length === 0) return pass(PM_CACHE, 'no package-manager cache in any layer');
    const total = cached.reduce((sum, f) => sum + f.size, 0);
    const dirs = [...new Set(cached.map((f) => CACHE_DIR.exec(f.path)?.[0] ?? ''))];
    return fail(
      PM_CACHE,
      `the image ships ${bytes(total)} of package-manager cache in ${dirs.join(', ')} (${listPaths(context, cached, 1)})`,
      context.at(),
      { cacheBytes: total, cacheFiles: cached.length },
    );
  },
};
