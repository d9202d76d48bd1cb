/**
 * NS319: on SIGTERM the container exits, quickly and by itself. node as PID 1 without a SIGTERM
 * handler ignores the signal (the kernel drops default-action signals for PID 1), so `docker stop`
 * waits out its grace period and kills it: every deploy and scale-in waits, and in-flight requests
 * are cut off.
 */
import type { RuleMeta } from '../../findings.js';
import { fail, NOTHING, pass, type Probe } from '../probe.js';
import { round } from './health.js';

export const SLOW_STOP: RuleMeta = {
  id: 'NS319',
  name: 'sigterm-ignored',
  severity: 'error',
  summary: 'The container must exit promptly on SIGTERM.',
  why:
    'Orchestrators stop containers with SIGTERM and kill them after a grace period. A service that ' +
    'ignores SIGTERM delays every deploy by the full period and drops the requests it was serving.',
  fix:
    'Call `app.enableShutdownHooks()` in main.ts (Nest then closes on SIGTERM), and run node as PID 1 in ' +
    'exec form; or add an init such as `docker run --init` / tini.',
};

/** Longer than this, or killed, and the stop is not a clean one. */
const PROMPT_SECONDS = 5;

export const stopProbe: Probe = {
  rules: [SLOW_STOP],
  judge(context) {
    const run = context.run;
    if (!run || run.stopSeconds === undefined) return NOTHING;
    const figures = { stopSeconds: round(run.stopSeconds), exitCode: run.stopExitCode ?? -1, graceSeconds: run.stopGraceSeconds };
    const killed = run.stopExitCode === 137;
    if (!killed && run.stopSeconds < PROMPT_SECONDS) {
      return pass(SLOW_STOP, `SIGTERM stopped the container in ${run.stopSeconds.toFixed(2)} s (exit ${run.stopExitCode})`, figures);
    }
    return fail(
      SLOW_STOP,
      killed
        ? `SIGTERM was ignored: docker stop took ${run.stopSeconds.toFixed(1)} s and killed the container after the ${run.stopGraceSeconds} s grace period`
        : `SIGTERM took ${run.stopSeconds.toFixed(1)} s to stop the container (exit ${run.stopExitCode})`,
      context.at('CMD'),
      figures,
    );
  },
};
