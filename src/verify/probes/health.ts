/**
 * NS317: the container starts and answers its health route (or its port) within the bound, and the
 * time to the first good answer is measured: that is the gap a rolling deploy waits on per replica.
 */
import type { RuleMeta } from '../../findings.js';
import { fail, NOTHING, pass, type Probe } from '../probe.js';

export const NO_ANSWER: RuleMeta = {
  id: 'NS317',
  name: 'service-does-not-answer',
  severity: 'error',
  summary: 'The container must start and answer its health route.',
  why:
    'An image that builds but does not serve is the most expensive failure: it is found at deploy ' +
    'time, by the orchestrator, after the old replicas are gone.',
  fix: 'Read the container log below; check the entry path, PORT, the listen host (0.0.0.0) and required environment.',
};

export const healthProbe: Probe = {
  rules: [NO_ANSWER],
  judge(context) {
    const run = context.run;
    if (!run) return NOTHING;
    const target = `GET ${run.path} on port ${run.port}`;
    if (run.firstResponseSeconds !== undefined) {
      return pass(NO_ANSWER, `${target} answered after ${run.firstResponseSeconds.toFixed(2)} s`, {
        firstResponseSeconds: round(run.firstResponseSeconds),
      });
    }
    const exited = run.exitedEarly ? `; the container exited with code ${run.exitedEarly.exitCode}` : '';
    const log = run.logTail ? `; log: ${run.logTail.split('\n').slice(-3).join(' | ')}` : '';
    return fail(NO_ANSWER, `${target} never answered (${run.lastAnswer})${exited}${log}`, context.at('CMD'), {
      lastAnswer: run.lastAnswer,
      ...(run.exitedEarly ? { exitCode: run.exitedEarly.exitCode } : {}),
    });
  },
};

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
