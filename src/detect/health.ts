/**
 * The route a HEALTHCHECK and probes should call. Controllers under the source root are scanned for GET
 * routes named like health endpoints (with @nestjs/terminus or without); a readiness route wins over a
 * plain health route, which wins over liveness, because readiness is what says the service can serve.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listFiles, relativeTo } from './files.js';
import type { Fact } from './profile.js';
import { blankComments, findCalls, lineOf, stringLiteral, type SourceFile } from './source-file.js';

/** Route segments and how much we prefer them: higher is better for a container health check. */
const SEGMENT_SCORES: Array<[RegExp, number]> = [
  [/^(ready|readiness|readyz)$/i, 4],
  [/^(health|healthz|healthcheck|health-check)$/i, 3],
  [/^(live|liveness|livez|alive)$/i, 2],
  [/^(ping|status)$/i, 1],
];

interface Route {
  path: string;
  file: string;
  line: number;
  score: number;
  terminus: boolean;
}

export async function detectHealthRoute(
  root: string,
  sourceRoot: string,
  sources: readonly SourceFile[],
): Promise<Fact<string> | undefined> {
  const prefix = globalPrefix(sources);
  const routes: Route[] = [];
  for (const absolute of await listFiles(path.join(root, sourceRoot))) {
    if (!/\.(ts|js|mts)$/.test(absolute) || /\.(spec|test|e2e-spec)\.[mc]?[tj]s$/.test(absolute))
      continue;
    const code = blankComments(await readFile(absolute, 'utf8'));
    if (!code.includes('@Controller')) continue;
    routes.push(...controllerRoutes(code, relativeTo(root, absolute), prefix));
  }
  // Best score first; on a tie prefer terminus, then the shorter path, then the file order.
  const best = routes
    .filter((route) => route.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.terminus) - Number(a.terminus) ||
        a.path.length - b.path.length,
    )[0];
  if (!best) return undefined;
  return {
    value: best.path,
    source: best.file,
    detail: `${best.terminus ? '@nestjs/terminus ' : ''}GET at line ${best.line}`,
  };
}

interface Prefix {
  value: string;
  /** Routes listed in `exclude`, which keep their unprefixed path. */
  exclude: string[];
}

/** `app.setGlobalPrefix('api', { exclude: ['health'] })` in the boot sources. */
function globalPrefix(sources: readonly SourceFile[]): Prefix {
  const call = sources
    .map((source) => findCalls(source.code, /\.setGlobalPrefix/)[0])
    .find(Boolean);
  const value = call?.args[0] ? (stringLiteral(call.args[0]) ?? '') : '';
  const options = call?.args[1] ?? '';
  const exclude = [...options.matchAll(/['"`]([^'"`]+)['"`]/g)].map((match) =>
    trimSlashes(match[1] as string),
  );
  return { value: trimSlashes(value), exclude };
}

/** Each `@Controller(...)` class and the `@Get(...)` methods that follow it in the same file. */
function controllerRoutes(code: string, file: string, prefix: Prefix): Route[] {
  const terminus = /@nestjs\/terminus/.test(code) && /HealthCheckService|@HealthCheck\(/.test(code);
  const controllers = findCalls(code, /@Controller/);
  const routes: Route[] = [];
  controllers.forEach((controller, index) => {
    const end = controllers[index + 1]?.offset ?? code.length;
    const base = decoratorPath(controller.args[0]);
    if (base === undefined) return;
    for (const get of findCalls(code.slice(controller.offset, end), /@Get/)) {
      const own = decoratorPath(get.args[0]);
      if (own === undefined) continue;
      const joined = [base, own].filter((part) => part !== '').join('/');
      if (joined.includes(':') || joined.includes('*')) continue;
      const excluded = prefix.exclude.some((pattern) => pattern === joined);
      const full =
        '/' + [excluded ? '' : prefix.value, joined].filter((part) => part !== '').join('/');
      routes.push({
        path: full,
        file,
        line: lineOf(code, controller.offset + get.offset),
        score: scoreOf(joined),
        terminus,
      });
    }
  });
  return routes;
}

/** The path of `@Controller('x')`, `@Controller({ path: 'x' })` or `@Get()`; undefined when not literal. */
function decoratorPath(arg: string | undefined): string | undefined {
  if (arg === undefined || arg === '') return '';
  const literal = stringLiteral(arg);
  if (literal !== undefined) return trimSlashes(literal);
  const inObject = /\bpath\s*:\s*(['"`])([^'"`]*)\1/.exec(arg)?.[2];
  if (inObject !== undefined) return trimSlashes(inObject);
  return /^\{/.test(arg.trim()) ? '' : undefined;
}

function scoreOf(route: string): number {
  let best = 0;
  for (const segment of route.split('/')) {
    for (const [pattern, score] of SEGMENT_SCORES) {
      if (pattern.test(segment)) best = Math.max(best, score);
    }
  }
  return best;
}

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '');
}
