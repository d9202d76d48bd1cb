/**
 * The rule catalogue and the function that runs it. One file per rule; this list is the registry.
 * A rule that throws becomes an NS099 finding instead of ending the lint.
 */
import type { Finding, RuleMeta } from '../findings.js';
import { buildRuleContext, type RuleContext, type RuleContextInput } from './context.js';
import type { Rule } from './rule.js';
import { addInsteadOfCopy } from './add-instead-of-copy.js';
import { cmdExecForm } from './cmd-exec-form.js';
import { copyFlattensFolder } from './copy-flattens-folder.js';
import { copyFromUnknownStage } from './copy-from-unknown-stage.js';
import { corepackBeforeManifest } from './corepack-before-manifest.js';
import { corepackMissing } from './corepack-missing.js';
import { dedicatedDepsStage } from './dedicated-deps-stage.js';
import { dockerignoreCoverage } from './dockerignore-coverage.js';
import { dockerignoreMissing } from './dockerignore-missing.js';
import { downloadAtStart } from './download-at-start.js';
import { emptyDockerfile } from './empty-dockerfile.js';
import { entryPathMismatch } from './entry-path-mismatch.js';
import { exposePortMismatch } from './expose-port-mismatch.js';
import { fastifyListenHost } from './fastify-listen-host.js';
import { healthcheckMissing } from './healthcheck-missing.js';
import { healthcheckToolMissing } from './healthcheck-tool-missing.js';
import { instructionBeforeFrom } from './instruction-before-from.js';
import { invalidExecForm } from './invalid-exec-form.js';
import { lockfileStrictInstall } from './lockfile-strict-install.js';
import { manifestsBeforeSource } from './manifests-before-source.js';
import { missingFrom } from './missing-from.js';
import { missingStartCommand } from './missing-start-command.js';
import { nativeDepsAlpine } from './native-deps-alpine.js';
import { noMigrationsAtBuild } from './no-migrations-at-build.js';
import { noMigrationsAtStart } from './no-migrations-at-start.js';
import { nodeEnvBeforeBuild } from './node-env-before-build.js';
import { nonRootUser } from './non-root-user.js';
import { numericUser } from './numeric-user.js';
import { packageManagerCache } from './package-manager-cache.js';
import { pid1Node } from './pid1-node.js';
import { pinnedBaseImage } from './pinned-base-image.js';
import { postinstallBeforeSchema } from './postinstall-before-schema.js';
import { prismaCliInRuntime } from './prisma-cli-in-runtime.js';
import { prismaClientInRuntime } from './prisma-client-in-runtime.js';
import { prismaEngineBase } from './prisma-engine-base.js';
import { prismaGenerateInBuild } from './prisma-generate-in-build.js';
import { registryAuthSecret } from './registry-auth-secret.js';
import { runtimeCopyOrder } from './runtime-copy-order.js';
import { runtimeDevDependencies } from './runtime-dev-dependencies.js';
import { runtimeNodeEnv } from './runtime-node-env.js';
import { runtimeOnlyArtifacts } from './runtime-only-artifacts.js';
import { secretFileInLayer } from './secret-file-in-layer.js';
import { secretsInArgEnv } from './secrets-in-arg-env.js';
import { shutdownHooks } from './shutdown-hooks.js';
import { syntaxDirective } from './syntax-directive.js';
import { tsconfigBuildOutdir } from './tsconfig-build-outdir.js';
import { unknownInstruction } from './unknown-instruction.js';

export type { Rule } from './rule.js';
export type { RuleContext, RuleContextInput, Dockerignore } from './context.js';
export { buildRuleContext } from './context.js';

export const allRules: readonly Rule[] = [
  emptyDockerfile,
  missingFrom,
  instructionBeforeFrom,
  unknownInstruction,
  invalidExecForm,
  manifestsBeforeSource,
  dedicatedDepsStage,
  lockfileStrictInstall,
  prismaGenerateInBuild,
  runtimeOnlyArtifacts,
  runtimeDevDependencies,
  nonRootUser,
  cmdExecForm,
  noMigrationsAtStart,
  runtimeCopyOrder,
  nodeEnvBeforeBuild,
  pid1Node,
  entryPathMismatch,
  numericUser,
  secretsInArgEnv,
  secretFileInLayer,
  pinnedBaseImage,
  addInsteadOfCopy,
  healthcheckMissing,
  healthcheckToolMissing,
  prismaEngineBase,
  prismaClientInRuntime,
  prismaCliInRuntime,
  packageManagerCache,
  syntaxDirective,
  corepackBeforeManifest,
  exposePortMismatch,
  downloadAtStart,
  postinstallBeforeSchema,
  copyFromUnknownStage,
  corepackMissing,
  nativeDepsAlpine,
  runtimeNodeEnv,
  registryAuthSecret,
  copyFlattensFolder,
  missingStartCommand,
  noMigrationsAtBuild,
  tsconfigBuildOutdir,
  dockerignoreCoverage,
  dockerignoreMissing,
  fastifyListenHost,
  shutdownHooks,
];

/** Raised in place of a rule's findings when the rule itself failed. */
export const RULE_FAILED: RuleMeta = {
  id: 'NS099',
  name: 'rule-failed',
  severity: 'warning',
  summary: 'Every rule ran to the end.',
  why: 'A rule failed on this input, which is a bug in nestship, not in the project. The other rules still ran; this rule\'s verdict is missing.',
  fix: 'Report the Dockerfile that triggers it. Meanwhile ignore NS099 in the config if it blocks CI.',
};

/** The metadata of every rule, for SARIF `rules[]` and the docs pages. */
export const ruleMetas: readonly RuleMeta[] = [...allRules.map((r) => r.meta), RULE_FAILED];

/** Parse rules that, when they fire, make the Dockerfile rules meaningless. */
const FATAL = new Set(['NS001', 'NS002']);

/** Run every rule over one project, sorted by file and position. */
export function lintProject(ctx: RuleContext, rules: readonly Rule[] = allRules): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    findings.push(...runRule(rule, ctx));
  }
  // With no image to speak of, only say that; NS1xx findings would be noise.
  const fatal = findings.filter((f) => FATAL.has(f.id));
  const kept = fatal.length > 0 ? findings.filter((f) => !f.id.startsWith('NS1')) : findings;
  return kept.sort(compareFindings);
}

/** Build the context and lint in one call. */
export function lintText(input: RuleContextInput): Finding[] {
  return lintProject(buildRuleContext(input));
}

function runRule(rule: Rule, ctx: RuleContext): Finding[] {
  try {
    return rule.check(ctx);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      {
        id: RULE_FAILED.id,
        severity: RULE_FAILED.severity,
        message: `Rule ${rule.meta.id} (${rule.meta.name}) failed on this input: ${reason}`,
        location: { file: ctx.dockerfilePath },
      },
    ];
  }
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.location.file.localeCompare(b.location.file) ||
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    a.id.localeCompare(b.id)
  );
}
