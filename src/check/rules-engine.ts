import { buildRuleContext, lintProject, ruleMetas } from '../rules/index.js';
import type { RuleEngine } from './engine.js';

/** The real rule catalogue behind `check`; loaded lazily so `--help` never pays for it. */
export function loadRuleEngine(): RuleEngine {
  return {
    rules: ruleMetas,
    lint: (input) =>
      lintProject(
        buildRuleContext({
          root: input.root,
          dockerfilePath: input.dockerfile,
          text: input.text,
          dockerignoreText: input.dockerignore,
          profile: input.profile,
        }),
      ),
  };
}
