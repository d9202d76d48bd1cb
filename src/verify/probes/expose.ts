/**
 * NS309: the port the image exposes is the port it listens on (its PORT).
 */
import type { RuleMeta } from '../../findings.js';
import { fail, NOTHING, pass, type Probe } from '../probe.js';

export const EXPOSE_MISMATCH: RuleMeta = {
  id: 'NS309',
  name: 'exposed-port-mismatch',
  severity: 'warning',
  summary: 'EXPOSE must name the port the service listens on.',
  why:
    'Tools read EXPOSE to wire the service (compose, platform defaults, docker run -P); a port that ' +
    'differs from PORT sends traffic to a port nothing listens on.',
  fix: 'Expose the same port the service reads from PORT, for example `EXPOSE ${PORT}` after `ENV PORT=${PORT}`.',
};

export const exposeProbe: Probe = {
  rules: [EXPOSE_MISMATCH],
  judge(context) {
    // The migrate target serves nothing.
    if (context.target === 'migrate') return NOTHING;
    const ports = context.info.exposedPorts.map((p) => Number(p.split('/')[0]));
    const port = Number(context.info.env.PORT ?? context.project.port);
    const figures = { port, exposed: ports.join(',') || '(none)' };
    if (ports.length === 0) {
      return fail(EXPOSE_MISMATCH, `the image exposes no port; the service listens on ${port}`, context.at('EXPOSE'), figures);
    }
    return ports.includes(port)
      ? pass(EXPOSE_MISMATCH, `the image exposes ${port}, the port it listens on`, figures)
      : fail(EXPOSE_MISMATCH, `the image exposes ${ports.join(', ')} but listens on ${port}`, context.at('EXPOSE'), figures);
  },
};
