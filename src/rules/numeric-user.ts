import { expand } from '../dockerfile/expand.js';
import { effectiveSteps, rootImage } from '../dockerfile/stages.js';
import { familyOf } from './base-image.js';
import type { Rule } from './rule.js';
import { atDockerfile, replaceSpan } from './rule.js';

/** NS114: Kubernetes runAsNonRoot can only verify a numeric user. */
export const numericUser: Rule = {
  meta: {
    id: 'NS114',
    name: 'numeric-user',
    severity: 'warning',
    summary: 'USER in the runtime stage is numeric.',
    why: 'Kubernetes with `runAsNonRoot: true` cannot tell whether a user name such as `node` or `appuser` is root, so it refuses to start the pod. A numeric uid (and gid) is checked without reading the image\'s /etc/passwd.',
    fix: 'Write the uid and gid: `USER 1000:1000` (the `node` user of the official images is 1000).',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    const users = effectiveSteps(ctx.model, final).filter((s) => s.keyword === 'USER');
    const last = users[users.length - 1];
    if (!last) return [];
    const value = expand(last.argsText, last.scope, ctx.model.escapeChar);
    const [user = '', group] = value.split(':');
    // Root is NS107's finding; this rule is about names that hide a non-root uid.
    if (user === 'root' || user === '0') return [];
    if (/^\d+$/.test(user) && (group === undefined || /^\d+$/.test(group))) return [];
    // The official node images create `node` as 1000:1000, so that rewrite keeps the same user.
    const official = familyOf(rootImage(ctx.model, final)) !== undefined && /^node(:node)?$/.test(value);
    const fix = official && last.argsSpan ? [replaceSpan(last.argsSpan, '1000:1000')] : undefined;
    return [atDockerfile(ctx, this.meta, last.argsSpan ?? last.span, `USER ${value} is not numeric, so Kubernetes runAsNonRoot cannot verify it.`, fix)];
  },
};
