/**
 * Express or Fastify, and the host `app.listen` binds. Fastify listens on 127.0.0.1 unless told
 * otherwise, which makes a container unreachable; the host in the source is what a rule checks.
 */
import { declared, type Manifest } from './manifest.js';
import type { Fact, HttpFacts } from './profile.js';
import {
  findCalls,
  lineOf,
  resolveArgument,
  stringLiteral,
  type SourceFile,
} from './source-file.js';

/** `sources` are the boot sources, entry first. */
export function detectHttpAdapter(manifest: Manifest, sources: readonly SourceFile[]): HttpFacts {
  return { adapter: adapter(manifest, sources), listenHost: listenHost(sources) };
}

function adapter(manifest: Manifest, sources: readonly SourceFile[]): Fact<'express' | 'fastify'> {
  // The boot code is the truth when it names the adapter; both packages may be installed.
  for (const source of sources) {
    const at = source.code.search(/\bnew\s+FastifyAdapter\b|\bFastifyAdapter\s*\(/);
    if (at !== -1) {
      return {
        value: 'fastify',
        source: source.file,
        detail: `FastifyAdapter at line ${lineOf(source.code, at)}`,
      };
    }
  }
  const fastify = declared(manifest, '@nestjs/platform-fastify');
  const express = declared(manifest, '@nestjs/platform-express');
  if (fastify && !express)
    return { value: 'fastify', source: manifest.file, detail: '@nestjs/platform-fastify' };
  if (express)
    return { value: 'express', source: manifest.file, detail: '@nestjs/platform-express' };
  return {
    value: 'express',
    source: 'default',
    detail: 'no platform package declared; Nest defaults to express',
  };
}

/**
 * The second argument of `.listen(port, host)`: a literal, a constant or config property holding one,
 * or the fallback of `process.env.HOST ?? '0.0.0.0'`. Undefined when the source passes no host.
 */
function listenHost(sources: readonly SourceFile[]): Fact<string> | undefined {
  for (const source of sources) {
    for (const call of findCalls(source.code, /\.listen/)) {
      const hostArg = call.args[1];
      if (hostArg === undefined) continue;
      const expression = resolveArgument(hostArg, sources);
      const literal = stringLiteral(expression) ?? fallbackLiteral(expression);
      if (literal !== undefined) {
        return {
          value: literal,
          source: source.file,
          detail: `app.listen at line ${lineOf(source.code, call.offset)}`,
        };
      }
    }
  }
  return undefined;
}

/** `process.env.HOST ?? '0.0.0.0'` or `|| 'localhost'` -> the literal fallback. */
function fallbackLiteral(expression: string): string | undefined {
  return /(?:\?\?|\|\|)\s*(['"`])([^'"`]+)\1\s*\)?\s*$/.exec(expression)?.[2];
}
