import type { Rule } from './rule.js';
import { atFile } from './rule.js';

/** NS203: without .dockerignore, the whole directory is the build context. */
export const dockerignoreMissing: Rule = {
  meta: {
    id: 'NS203',
    name: 'dockerignore-missing',
    severity: 'error',
    summary: 'The project has a .dockerignore.',
    why: 'Without it the builder receives the whole directory: the host\'s node_modules, .git, build output and any .env or .npmrc. Every `COPY . .` then puts them into a layer, slows the build and leaks credentials.',
    fix: 'Create .dockerignore with at least node_modules, dist, .git, .env, .env.*, .npmrc, *.pem and *.key (`nestship init` writes one).',
  },
  check(ctx) {
    if (ctx.dockerignore || ctx.model.stages.length === 0) return [];
    return [atFile(this.meta, '.dockerignore', 'The project has no .dockerignore, so the whole directory is sent to the builder.')];
  },
};
