/**
 * NS304-NS305: the runtime user. The image must not run as root, and its USER must be a number:
 * Kubernetes' runAsNonRoot can only prove a numeric uid is not 0 without reading /etc/passwd.
 */
import type { RuleMeta } from '../../findings.js';
import { fail, merge, pass, type Probe } from '../probe.js';

export const RUNS_AS_ROOT: RuleMeta = {
  id: 'NS304',
  name: 'runs-as-root',
  severity: 'error',
  summary: 'The service must not run as root.',
  why:
    'A process that runs as root in the container is root on every file the container can reach; ' +
    'one remote-code bug in the app or a dependency then owns the container and its mounts.',
  fix: 'Create an unprivileged user in the runtime stage and end with `USER <uid>:<gid>`, for example 1000:1000.',
};

export const NON_NUMERIC_USER: RuleMeta = {
  id: 'NS305',
  name: 'non-numeric-user',
  severity: 'warning',
  summary: 'USER should be a numeric uid.',
  why:
    'Kubernetes refuses a pod with runAsNonRoot when the image names its user, because it cannot ' +
    'tell from a name that the uid is not 0.',
  fix: 'Write the uid (and gid) instead of the name, for example `USER 1000:1000`.',
};

export const userProbe: Probe = {
  rules: [RUNS_AS_ROOT, NON_NUMERIC_USER],
  judge(context) {
    const user = context.info.user.trim();
    const at = context.at('USER');
    const name = user.split(':')[0] ?? '';
    // The uid PID 1 really ran as, when the container ran; else what the config says.
    const uid = context.run?.pid1Uid ?? (/^\d+$/.test(name) ? Number(name) : name === '' || name === 'root' ? 0 : undefined);
    const figures = { user: user || '(none)', ...(uid === undefined ? {} : { uid }) };

    const root = uid === 0
      ? fail(RUNS_AS_ROOT, user ? `the image runs as ${user} (uid 0)` : 'the image sets no USER, so it runs as root', at, figures)
      : pass(RUNS_AS_ROOT, `the service runs as uid ${uid ?? name}`, figures);
    if (uid === 0) return root;
    const numeric = /^\d+$/.test(name)
      ? pass(NON_NUMERIC_USER, `USER ${user} is numeric`, figures)
      : fail(NON_NUMERIC_USER, `USER ${user} is a name, not a uid${uid === undefined ? '' : ` (it is uid ${uid})`}`, at, figures);
    return merge(root, numeric);
  },
};
