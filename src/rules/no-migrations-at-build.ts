import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';
import { isMigration } from './no-migrations-at-start.js';
import { runsCommand } from './project.js';

/** NS137: migrating during `docker build` needs the production database from the builder. */
export const noMigrationsAtBuild: Rule = {
  meta: {
    id: 'NS137',
    name: 'no-migrations-at-build',
    severity: 'error',
    summary: 'No RUN applies database migrations during the build.',
    why: 'A migration at build time needs the target database reachable from the builder and its URL passed in as a build argument (which ends up in the image history). It also changes the schema every time any image is built, not when a release is deployed, and cached builds silently skip it.',
    fix: 'Build a separate `migrate` target and run it once per release, as a compose one-shot service or a Kubernetes Job.',
  },
  check(ctx) {
    const findings = [];
    for (const step of ctx.model.steps) {
      if (step.keyword !== 'RUN') continue;
      const command = step.commands.find((c) => runsCommand(ctx, c, isMigration));
      if (!command) continue;
      const span = ctx.spanAt(command.words[0]!.start, command.words[command.words.length - 1]!.end);
      findings.push(atDockerfile(ctx, this.meta, span, 'This RUN applies database migrations while the image builds.'));
    }
    return findings;
  },
};
