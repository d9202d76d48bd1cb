/**
 * `tsconfig.build.json`, written only when the project has none (the Nest CLI's own starter has
 * one). It keeps the layout detect found, so the entry path in the Dockerfile stays right: rootDir
 * is set only when it is what TypeScript already infers, and tests and specs stay out of dist/.
 */
import type { Profile } from '../detect/profile.js';
import type { GenerateInput } from './input.js';

export const TSCONFIG_BUILD_PATH = 'tsconfig.build.json';

/**
 * Undefined for monorepo apps (each has its own tsconfig.app.json) and for projects whose
 * nest-cli.json names another build tsconfig. The Nest CLI builds with tsconfig.build.json when it
 * exists and falls back to tsconfig.json, so that fallback is where this file is written.
 */
export function tsconfigBuild(input: GenerateInput): string | undefined {
  const { profile } = input;
  const tsConfig = profile.nest.tsConfig;
  const usesDefault = tsConfig.value === TSCONFIG_BUILD_PATH || (tsConfig.value === 'tsconfig.json' && tsConfig.source === 'default');
  if (profile.nest.monorepo.value || !usesDefault) return undefined;
  const rootDir = inferredRootDir(profile);
  const compilerOptions: Record<string, string> = { outDir: `./${profile.nest.outDir.value}` };
  if (rootDir !== undefined) compilerOptions.rootDir = rootDir;
  const config = {
    extends: './tsconfig.json',
    compilerOptions,
    ...(rootDir === `./${profile.nest.sourceRoot.value}` ? { include: [`${profile.nest.sourceRoot.value}/**/*`] } : {}),
    exclude: ['node_modules', 'test', profile.nest.outDir.value, '**/*spec.ts', '**/*.test.ts'],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * The root folder that maps the source entry onto the detected compiled entry: `src/main.ts` and
 * `dist/main.js` give `./src`; `src/main.ts` and `dist/src/main.js` give `./`.
 */
function inferredRootDir(profile: Profile): string | undefined {
  const source = `${profile.nest.sourceRoot.value}/${profile.nest.entryFile.value}`;
  const outDir = profile.nest.outDir.value.replace(/\/$/, '');
  const compiled = profile.nest.entryPath.value.replace(/\.(c|m)?js$/, '');
  if (!compiled.startsWith(`${outDir}/`)) return undefined;
  const relative = compiled.slice(outDir.length + 1);
  if (!source.endsWith(relative)) return undefined;
  const root = source.slice(0, source.length - relative.length).replace(/\/$/, '');
  return root === '' ? './' : `./${root}`;
}
