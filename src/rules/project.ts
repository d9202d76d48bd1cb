/**
 * Project-file questions rules share: package.json scripts and dependencies, and whether a command
 * ends up running a given script body (`npm run build` whose script is `prisma generate && nest build`).
 */
import { parse as parseJsonc } from 'jsonc-parser';
import { scriptCallOf } from '../dockerfile/commands.js';
import type { ShellCommand } from '../dockerfile/shell.js';
import { tokenizeShell } from '../dockerfile/shell.js';
import type { RuleContext } from './context.js';

export interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The project's package.json, or undefined when missing or not an object. */
export function packageJson(ctx: RuleContext): PackageJson | undefined {
  return readJson<PackageJson>(ctx, 'package.json');
}

/** A JSON or JSONC project file as an object, undefined when missing or unreadable. */
export function readJson<T>(ctx: RuleContext, rel: string): T | undefined {
  const text = ctx.readFile(rel);
  if (text === undefined) return undefined;
  const value: unknown = parseJsonc(text, [], { allowTrailingComma: true });
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as T) : undefined;
}

/** The body of an npm script, when package.json has it as a string. */
export function scriptBody(ctx: RuleContext, name: string): string | undefined {
  const body = packageJson(ctx)?.scripts?.[name];
  return typeof body === 'string' ? body : undefined;
}

/**
 * Whether a command, directly or through the scripts it runs (up to a few levels), runs a command
 * matching `test`.
 */
export function runsCommand(
  ctx: RuleContext,
  command: ShellCommand,
  test: (c: ShellCommand) => boolean,
  depth = 0,
): boolean {
  if (test(command)) return true;
  const call = scriptCallOf(command);
  if (!call || depth > 3) return false;
  const body = scriptBody(ctx, call.script);
  if (!body) return false;
  return tokenizeShell(body).some((inner) => runsCommand(ctx, inner, test, depth + 1));
}

/** 1-based line and column of the first line matching a pattern, at its first non-blank. */
export function lineOf(text: string | undefined, pattern: RegExp): { line: number; column: number } | undefined {
  if (text === undefined) return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const index = lines.findIndex((line) => pattern.test(line));
  if (index < 0) return undefined;
  return { line: index + 1, column: Math.max(0, lines[index]!.search(/\S/)) + 1 };
}
