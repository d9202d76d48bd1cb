import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS117: a base without a tag (or `latest`) changes under the build without notice. */
export const pinnedBaseImage: Rule = {
  meta: {
    id: 'NS117',
    name: 'pinned-base-image',
    severity: 'warning',
    summary: 'Every base image names a version tag or digest.',
    why: 'Without a tag the builder pulls `latest`, which moves to new Node majors and distributions. Builds of the same commit then differ, and a Node upgrade arrives unannounced.',
    fix: 'Name the Node major and variant, for example `node:22-slim`, or pin a digest.',
  },
  check(ctx) {
    const findings = [];
    for (const stage of ctx.model.stages) {
      if (stage.parent !== undefined) continue;
      const image = stage.image;
      if (image === '' || image.toLowerCase() === 'scratch' || image.includes('@')) continue;
      const lastPart = image.slice(image.lastIndexOf('/') + 1);
      const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : undefined;
      if (tag !== undefined && tag !== 'latest' && tag !== '') continue;
      const span = stage.from.argsSpan ?? stage.from.span;
      const message = tag === 'latest' ? `FROM ${image} uses the moving \`latest\` tag.` : `FROM ${image} has no tag, so it means \`latest\`.`;
      findings.push(atDockerfile(ctx, this.meta, { ...span, endLine: span.line, endColumn: span.column + stage.imageRaw.length }, message));
    }
    return findings;
  },
};
