import { lineOf } from './project.js';
import type { Rule } from './rule.js';
import { atFile } from './rule.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/** NS204: Fastify listens on 127.0.0.1 unless told otherwise, unreachable from outside a container. */
export const fastifyListenHost: Rule = {
  meta: {
    id: 'NS204',
    name: 'fastify-listen-host',
    severity: 'error',
    summary: 'A Fastify app listens on 0.0.0.0 (or ::).',
    why: 'Unlike Express, Fastify binds to 127.0.0.1 when `listen()` gets no host. Inside a container that address is reachable only from the container itself, so port mappings, probes and other services all get "connection refused".',
    fix: "Pass the host: `await app.listen(process.env.PORT ?? 3000, '0.0.0.0')`.",
  },
  check(ctx) {
    const profile = ctx.profile;
    if (!profile || profile.http.adapter.value !== 'fastify') return [];
    const host = profile.http.listenHost;
    if (host && !LOOPBACK.has(host.value)) return [];
    const nest = profile.nest;
    const file = host?.source ?? profile.http.adapter.source;
    const main = file.endsWith('.ts') ? file : `${nest.sourceRoot.value}/${nest.entryFile.value}.ts`;
    const where = lineOf(ctx.readFile(main), /\.listen\s*\(/) ?? {};
    const what = host ? `listens on ${host.value}` : 'calls listen() without a host, so Fastify binds to 127.0.0.1';
    return [atFile(this.meta, main, `The Fastify app ${what}; it is unreachable from outside the container.`, where)];
  },
};
