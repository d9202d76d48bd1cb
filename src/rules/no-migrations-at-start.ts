import { binaryOf } from '../dockerfile/commands.js';
import type { ShellCommand } from '../dockerfile/shell.js';
import { tokenizeShell } from '../dockerfile/shell.js';
import type { RuleContext } from './context.js';
import { runsCommand } from './project.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';
import { startCommand } from './start-command.js';

/** NS109: migrations run once per release, not in every container's start command. */
export const noMigrationsAtStart: Rule = {
  meta: {
    id: 'NS109',
    name: 'no-migrations-at-start',
    severity: 'error',
    summary: 'CMD and ENTRYPOINT do not run database migrations.',
    why: 'A start command that migrates runs once per replica and per restart: replicas race each other on the schema, a failed migration turns into a crash loop, and the runtime image must carry the migration CLI and its dependencies.',
    fix: 'Keep CMD to `node dist/main.js`. Run `npm run migration:run` once per release from a separate `migrate` target, a compose one-shot service or a Kubernetes Job.',
  },
  check(ctx) {
    const final = ctx.finalStage;
    if (!final) return [];
    const start = startCommand(ctx.model, final);
    const findings = [];
    for (const command of start.commands) {
      if (!runsCommand(ctx, command, isMigration) && !scriptFileMigrates(ctx, command)) continue;
      const span = ctx.spanAt(command.words[0]!.start, command.words[command.words.length - 1]!.end);
      findings.push(atDockerfile(ctx, this.meta, span, 'The start command runs database migrations.'));
    }
    return findings;
  },
};

/** prisma migrate / db push, typeorm, knex, sequelize, mikro-orm migrations. */
export function isMigration(command: ShellCommand): boolean {
  const bin = binaryOf(command);
  if (!bin) return false;
  const args = bin.args.join(' ');
  if (bin.name === 'prisma') return /\b(migrate (deploy|dev|reset)|db push)\b/.test(args);
  if (/^(typeorm|typeorm-ts-node-commonjs|typeorm-ts-node-esm)$/.test(bin.name)) return /migration:run/.test(args);
  if (bin.name === 'knex') return /migrate:/.test(args);
  if (bin.name === 'sequelize' || bin.name === 'sequelize-cli') return /db:migrate/.test(args);
  if (bin.name === 'mikro-orm') return /migration:up/.test(args);
  return false;
}

/** `ENTRYPOINT ["./entrypoint.sh"]`: read the script from the project and look inside. */
function scriptFileMigrates(ctx: RuleContext, command: ShellCommand): boolean {
  const program = command.words[0]?.value ?? '';
  if (!/\.sh$/.test(program)) return false;
  const base = program.split('/').pop()!;
  const text = ctx.readFile(program.replace(/^\.\//, '')) ?? ctx.readFile(base);
  if (!text) return false;
  return text.split(/\r\n|\r|\n/).some((line) => tokenizeShell(line).some((c) => runsCommand(ctx, c, isMigration)));
}
