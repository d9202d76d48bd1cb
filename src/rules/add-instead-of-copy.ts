import type { Rule } from './rule.js';
import { atDockerfile, replaceSpan } from './rule.js';

const REMOTE = /^(https?:\/\/|git@|git:\/\/)/;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/;
/** Flags that COPY also understands, so the rewrite keeps the meaning. */
const SHARED_FLAGS = new Set(['chown', 'chmod', 'link', 'from']);

/** NS118: ADD has surprising powers (URLs, archive extraction); COPY says what it does. */
export const addInsteadOfCopy: Rule = {
  meta: {
    id: 'NS118',
    name: 'add-instead-of-copy',
    severity: 'warning',
    summary: 'COPY is used for local files; ADD only for URLs and archives.',
    why: 'ADD fetches URLs and silently unpacks local tar archives. For plain files it does the same as COPY, but a reader cannot tell, and a file that happens to be an archive gets extracted.',
    fix: 'Replace ADD with COPY.',
  },
  check(ctx) {
    const findings = [];
    for (const step of ctx.model.steps) {
      if (step.keyword !== 'ADD' || !step.copy) continue;
      if (step.copy.sources.some((src) => REMOTE.test(src) || ARCHIVE.test(src))) continue;
      const safe = step.flags.every((f) => SHARED_FLAGS.has(f.name));
      const fix = safe ? [replaceSpan(step.keywordSpan, 'COPY')] : undefined;
      findings.push(atDockerfile(ctx, this.meta, step.keywordSpan, 'ADD copies local files; use COPY.', fix));
    }
    return findings;
  },
};
