/**
 * Express or Fastify, and the host `app.listen` binds. Fastify listens on 127.0.0.1 unless told
 * otherwise, which makes a container unreachable; the host in the source is what a rule checks.
 */
import { declared, type Manifest } from './manifest.js';
import type { Fact, HttpFacts } from './profile.js';
import { findCalls, initialiserOf, lineOf, stringLiteral, type SourceFile } from './source-file.js';

export function detectHttpAdapter(manifest: Manifest, entry: SourceFile): HttpFacts {
  return { adapter: adapter(manifest, entry), listenHost: listenHost(entry) };
}

function adapter(manifest: Manifest, entry: SourceFile): Fact<'express' | 'fastify'> {
  // The entry source is the truth when it names the adapter; both packages may be installed.
  const fastifyAt = entry.code.search(/\bnew\s+FastifyAdapter\b|\bFastifyAdapter\s*\(/);
  if (fastifyAt !== -1) {
    return { value: 'fastify', source: entry.file, detail: `FastifyAdapter at line ${lineOf(entry.code, fastifyAt)}` };
  }
  const fastify = declared(manifest, '@nestjs/platform-fastify');
  const express = declared(manifest, '@nestjs/platform-express');
  if (fastify && !express) return { value: 'fastify', source: manifest.file, detail: '@nestjs/platform-fastify' };
  if (express) return { value: 'express', source: manifest.file, detail: '@nestjs/platform-express' };
  return { value: 'express', source: 'default', detail: 'no platform package declared; Nest defaults to express' };
}

/**
 * The second argument of `.listen(port, host)`: a literal, a constant initialised with one, or the
 * fallback of `process.env.HOST ?? '0.0.0.0'`. Undefined when the source passes no host.
 */
function listenHost(entry: SourceFile): Fact<string> | undefined {
  for (const call of findCalls(entry.code, /\.listen/)) {
    const hostArg = call.args[1];
    if (hostArg === undefined) continue;
    const line = lineOf(entry.code, call.offset);
    const expression = /^[A-Za-z_$][\w$]*$/.test(hostArg) ? (initialiserOf(entry.code, hostArg) ?? hostArg) : hostArg;
    const literal = stringLiteral(expression) ?? fallbackLiteral(expression);
    if (literal !== undefined) return { value: literal, source: entry.file, detail: `app.listen at line ${line}` };
  }
  return undefined;
}

/** `process.env.HOST ?? '0.0.0.0'` or `|| 'localhost'` -> the literal fallback. */
function fallbackLiteral(expression: string): string | undefined {
  return /(?:\?\?|\|\|)\s*(['"`])([^'"`]+)\1\s*\)?\s*$/.exec(expression)?.[2];
}
