import { posix } from 'node:path';
import type { RuleContext } from './context.js';
import { readJson } from './project.js';
import type { Rule } from './rule.js';
import { atFile } from './rule.js';

interface TsConfig {
  extends?: string | string[];
  compilerOptions?: { outDir?: string };
}

/** NS201: the build tsconfig writes the app to dist/, as the Dockerfile expects. */
export const tsconfigBuildOutdir: Rule = {
  meta: {
    id: 'NS201',
    name: 'tsconfig-build-outdir',
    severity: 'warning',
    summary: 'tsconfig.build.json writes the compiled app to dist/.',
    why: 'The build stage compiles with the build tsconfig and the runtime copies dist/. Without an outDir, tsc writes .js files next to the sources; with another outDir, the runtime copy and the start path miss the output.',
    fix: 'Set `"outDir": "./dist"` (and `"rootDir": "./src"`) in tsconfig.build.json, as the guide shows.',
  },
  check(ctx) {
    const file = ctx.profile?.nest.tsConfig.value ?? 'tsconfig.build.json';
    if (ctx.readFile(file) === undefined) return [];
    const outDir = resolveOutDir(ctx, file, 0);
    if (outDir === undefined) {
      return [atFile(this.meta, file, `${file} sets no outDir (nor does a config it extends), so tsc writes next to the sources.`, { jsonPath: 'compilerOptions' })];
    }
    // Monorepo apps write below dist/ (dist/apps/api), which the runtime copy still covers.
    const clean = posix.normalize(outDir.value).replace(/\/+$/, '');
    if (clean === 'dist' || clean.startsWith('dist/')) return [];
    return [atFile(this.meta, outDir.file, `outDir is ${outDir.value}, not dist/.`, { jsonPath: 'compilerOptions.outDir' })];
  },
};

/** Follow `extends` (relative files only) to the first outDir, relative to the project root. */
function resolveOutDir(ctx: RuleContext, file: string, depth: number): { value: string; file: string } | undefined {
  const config = readJson<TsConfig>(ctx, file);
  if (!config || depth > 8) return undefined;
  const own = config.compilerOptions?.outDir;
  if (typeof own === 'string') return { value: posix.join(posix.dirname(file), own), file };
  const parents = Array.isArray(config.extends) ? [...config.extends].reverse() : [config.extends];
  for (const parent of parents) {
    if (typeof parent !== 'string' || !parent.startsWith('.')) continue;
    const target = posix.join(posix.dirname(file), parent.endsWith('.json') ? parent : `${parent}.json`);
    const found = resolveOutDir(ctx, target, depth + 1);
    if (found) return found;
  }
  return undefined;
}
