import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS130: `COPY --from=buidler` names no stage, so the builder tries to pull an image of that name. */
export const copyFromUnknownStage: Rule = {
  meta: {
    id: 'NS130',
    name: 'copy-from-unknown-stage',
    severity: 'error',
    summary: 'COPY --from names an earlier stage (or a full image reference).',
    why: 'A --from value that matches no earlier stage is taken as an image name. A typo in a stage name, or a stage defined later in the file, then makes the build try to pull an image that does not exist.',
    fix: 'Use the exact `AS` name of an earlier stage.',
  },
  check(ctx) {
    const findings = [];
    for (const step of ctx.model.steps) {
      const copy = step.copy;
      if (!copy?.from || copy.fromStage !== undefined) continue;
      // References with a tag, digest or registry path are images on purpose.
      if (/[:/@.]/.test(copy.from)) continue;
      const flag = step.flags.find((f) => f.name === 'from')!;
      const message = /^\d+$/.test(copy.from)
        ? `--from=${copy.from} is not the index of an earlier stage.`
        : `--from=${copy.from} names no earlier stage, so the builder will try to pull an image called ${copy.from}.`;
      findings.push(atDockerfile(ctx, this.meta, flag.span, message));
    }
    return findings;
  },
};
