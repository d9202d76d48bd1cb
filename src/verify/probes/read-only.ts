/**
 * NS318: the service runs with a read-only root filesystem and a tmpfs /tmp, as hardened
 * Kubernetes and ECS setups run it. npm as a start command, or an app that writes next to its code,
 * fails there.
 */
import type { RuleMeta } from '../../findings.js';
import { fail, NOTHING, pass, type Probe } from '../probe.js';
import { round } from './health.js';

export const READ_ONLY: RuleMeta = {
  id: 'NS318',
  name: 'read-only-root-fails',
  severity: 'warning',
  summary: 'The service must run with a read-only root filesystem and a writable /tmp only.',
  why:
    'A read-only root filesystem stops an attacker from dropping files next to the code, and many ' +
    'platforms ask for it. A service that writes to its own folder or its home only fails there.',
  fix: 'Write only to /tmp (or a mounted volume); start with node, not npm, which writes logs to its home.',
};

export const readOnlyProbe: Probe = {
  rules: [READ_ONLY],
  judge(context) {
    const observed = context.readOnly;
    // Without a first normal start there is nothing to compare: NS317 already says so.
    if (!observed || context.run?.firstResponseSeconds === undefined) return NOTHING;
    if (observed.answered) {
      return pass(READ_ONLY, 'the service answers with --read-only and a tmpfs /tmp', {
        firstResponseSeconds: round(observed.firstResponseSeconds ?? 0),
      });
    }
    const log = observed.logTail ? `; log: ${observed.logTail.split('\n').slice(-2).join(' | ')}` : '';
    return fail(READ_ONLY, `with --read-only and a tmpfs /tmp the service never answered (${observed.lastAnswer})${log}`, context.at(), {
      lastAnswer: observed.lastAnswer,
    });
  },
};
