/**
 * package.json: the guide's `migration:run` script, so every environment migrates with the same
 * command. The edit touches only that key and keeps the file's own indentation and line endings.
 */
import { applyEdits, modify, parse, type FormattingOptions } from 'jsonc-parser';
import type { GenerateInput } from './input.js';

export const PACKAGE_JSON_PATH = 'package.json';
export const MIGRATION_SCRIPT = 'migration:run';
export const MIGRATION_COMMAND = 'prisma migrate deploy';

/** The new package.json text, or undefined when the project needs no script (no Prisma). */
export function packageScripts(input: GenerateInput): string | undefined {
  if (!input.profile.prisma) return undefined;
  const text = input.files.read(PACKAGE_JSON_PATH);
  if (text === undefined) return undefined;
  const current = (parse(text) as { scripts?: Record<string, unknown> }).scripts?.[MIGRATION_SCRIPT];
  if (current === MIGRATION_COMMAND) return text;
  const edits = modify(text, ['scripts', MIGRATION_SCRIPT], MIGRATION_COMMAND, {
    formattingOptions: formattingOf(text),
  });
  return applyEdits(text, edits);
}

/** The indentation and line ending the file already uses. */
function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return indent.startsWith('\t')
    ? { insertSpaces: false, tabSize: 1, eol }
    : { insertSpaces: true, tabSize: indent.length, eol };
}

/** The script value a package.json has now, for the conflict check in init. */
export function currentMigrationScript(text: string): unknown {
  return (parse(text) as { scripts?: Record<string, unknown> } | undefined)?.scripts?.[MIGRATION_SCRIPT];
}
