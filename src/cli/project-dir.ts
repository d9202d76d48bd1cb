import { NestshipError } from '../errors.js';

/** The one optional project directory every command takes; `.` when none is given. */
export function projectDir(positionals: string[], command: string): string {
  if (positionals.length > 1) {
    throw new NestshipError(`expected one project directory, got ${positionals.length}`, {
      hint: `run \`nestship ${command} --help\``,
    });
  }
  return positionals[0] ?? '.';
}
