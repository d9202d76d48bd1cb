import { isIgnored } from '../dockerfile/ignore.js';
import type { Rule } from './rule.js';
import { atFile } from './rule.js';

/** What must stay out of the context: a probe path and the line to add when it does not. */
const REQUIRED: { probe: string; line: string }[] = [
  { probe: 'node_modules', line: 'node_modules' },
  { probe: 'dist', line: 'dist' },
  { probe: '.git', line: '.git' },
  { probe: '.env', line: '.env' },
  { probe: '.env.production', line: '.env.*' },
  { probe: '.npmrc', line: '.npmrc' },
  { probe: 'server.pem', line: '*.pem' },
  { probe: 'server.key', line: '*.key' },
];

/** NS202: .dockerignore keeps local and sensitive files out of the build context. */
export const dockerignoreCoverage: Rule = {
  meta: {
    id: 'NS202',
    name: 'dockerignore-coverage',
    severity: 'warning',
    summary: '.dockerignore excludes node_modules, dist, .git, .env files, .npmrc and keys.',
    why: 'Everything not ignored is sent to the builder and can reach a layer through `COPY . .`. The host\'s node_modules carries binaries built for another platform, dist/ can shadow the fresh build, .git bloats the context, and .env, .npmrc and key files leak credentials into the image.',
    fix: 'Add the missing lines to .dockerignore (`nestship check --fix` appends them).',
  },
  check(ctx) {
    const ignore = ctx.dockerignore;
    if (!ignore) return [];
    const missing = REQUIRED.filter((r) => !isIgnored(ignore.patterns, r.probe)).map((r) => r.line);
    if (missing.length === 0) return [];
    // Append after the last line; a file without a final newline gets one first.
    const lines = ignore.lines;
    const lastLine = lines.length;
    const lastText = lines[lastLine - 1] ?? '';
    const prefix = lastText === '' ? '' : '\n';
    const at = { line: lastLine, column: lastText.length + 1, endLine: lastLine, endColumn: lastText.length + 1 };
    const finding = atFile(this.meta, ignore.path, `.dockerignore does not exclude ${missing.join(', ')}.`, { line: 1, column: 1 });
    finding.fix = [{ ...at, text: `${prefix}${missing.join('\n')}\n` }];
    return [finding];
  },
};
