import type { Rule } from './rule.js';
import { atFile } from './rule.js';
import { lineOf } from './project.js';

/** NS205: without shutdown hooks, node as PID 1 ignores SIGTERM. */
export const shutdownHooks: Rule = {
  meta: {
    id: 'NS205',
    name: 'shutdown-hooks',
    severity: 'warning',
    summary: 'The app enables Nest shutdown hooks so SIGTERM stops it.',
    why: 'As PID 1 in a container, node has no default SIGTERM action. Unless something listens for the signal, `docker stop` and Kubernetes wait out the whole grace period (10 s by default) and then kill the process, cutting in-flight requests and leaving database pools open. `app.enableShutdownHooks()` makes Nest close the server and run its shutdown hooks on SIGTERM.',
    fix: 'Call `app.enableShutdownHooks()` in main.ts before `app.listen()`.',
  },
  check(ctx) {
    const facts = ctx.profile?.shutdownHooks;
    if (!ctx.profile || !facts || facts.value) return [];
    const nest = ctx.profile.nest;
    const main = facts.source !== 'default' ? facts.source : `${nest.sourceRoot.value}/${nest.entryFile.value}.ts`;
    // Point at the listen call when the file shows one: that is where the hook belongs.
    const where = lineOf(ctx.readFile(main), /\.listen\s*\(/) ?? {};
    return [atFile(this.meta, main, 'The app never calls enableShutdownHooks(), so SIGTERM is ignored while node runs as PID 1 and the container is killed after the grace period.', where)];
  },
};
