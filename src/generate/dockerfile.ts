/**
 * The production Dockerfile. It keeps the guide's stages (base, deps, builder, prod-deps, runner)
 * and build arguments (NODE_MEMORY, PORT, RUNTIME_NODE_MEMORY), and departs from the guide where a
 * measurement showed it wrong; each departure carries its reason as a comment in the output.
 */
import type { Profile } from '../detect/profile.js';
import {
  APP_GID,
  APP_UID,
  MIGRATE_TARGET,
  NODE_MEMORY,
  RUNTIME_NODE_MEMORY,
  RUNTIME_TARGET,
  WORKDIR,
} from './defaults.js';
import { renderDockerfile, type Instruction, type Mount, type Stage } from './dockerfile-model.js';
import type { GenerateInput } from './input.js';
import { packagesNeedingToolchain, opensslSteps, toolchainSteps } from './native.js';
import { copyManifests, packageManagerPlan, type PackageManagerPlan } from './package-manager.js';
import {
  clientFolderToCopy,
  generateNeedsUrl,
  placeholderDatabaseUrl,
  runtimeNeedsOpenssl,
} from './prisma.js';

export const DOCKERFILE_PATH = 'Dockerfile';

export function dockerfile(input: GenerateInput): string {
  const { profile, files } = input;
  const pm = packageManagerPlan(profile, files);
  const hook = postinstallSchema(profile, files);
  const toolStage = pm.setup.length > 0 ? 'pm' : 'base';
  const stages: Stage[] = [baseStage(profile)];
  if (toolStage === 'pm') stages.push(packageManagerStage(pm));
  stages.push(
    depsStage(profile, pm, toolStage, hook),
    builderStage(profile, pm, toolStage),
    prodDepsStage(profile, pm, toolStage, hook),
  );
  if (profile.prisma) stages.push(migrateStage(profile));
  stages.push(runnerStage(profile));
  return renderDockerfile(stages);
}

function baseStage(profile: Profile): Stage {
  const family = profile.base.family.value;
  const why =
    family === 'slim'
      ? 'Base: one Node version and working directory for every stage. Debian slim (glibc), because ' +
        baseReason(profile)
      : 'Base: one Node version and working directory for every stage. Alpine is the smallest base; ' +
        'no dependency here needs glibc.';
  const body: Instruction[] = [{ op: 'WORKDIR', path: WORKDIR }];
  if (profile.prisma && runtimeNeedsOpenssl(profile.prisma)) {
    body.push(
      { op: 'comment', text: `Prisma ${profile.prisma.major.value}'s query engine links OpenSSL, which the base image lacks.` },
      { op: 'RUN', steps: opensslSteps(profile) },
    );
  }
  return { name: 'base', from: profile.base.image.value, why, body };
}

function baseReason(profile: Profile): string {
  const natives = profile.native.packages.value;
  if (natives.length > 0) return `${natives.join(', ')} ship${natives.length === 1 ? 's' : ''} native code built for glibc.`;
  return 'glibc loads prebuilt native modules and Prisma engines as they are published.';
}

function packageManagerStage(pm: PackageManagerPlan): Stage {
  return {
    name: 'pm',
    from: 'base',
    why:
      'Package manager: pinned to the version the project declares, in its own stage so the runtime ' +
      'image carries neither the manager nor its download cache.',
    body: [
      { op: 'ENV', name: 'COREPACK_ENABLE_DOWNLOAD_PROMPT', value: '0' },
      { op: 'RUN', steps: pm.setup },
    ],
  };
}

function depsStage(profile: Profile, pm: PackageManagerPlan, from: string, hook: Instruction[]): Stage {
  return {
    name: 'deps',
    from,
    why:
      'Dependencies: only the manifests and the lockfile are copied, so this install is cached until ' +
      'they change. The cache mount keeps downloads out of the layer and across builds.',
    body: [
      ...toolchain(profile),
      ...copyManifests(pm),
      ...hook,
      ...registrySecretNote(profile),
      installRun(profile, pm, pm.install),
    ],
  };
}

function builderStage(profile: Profile, pm: PackageManagerPlan, from: string): Stage {
  const body: Instruction[] = [
    { op: 'ARG', name: 'NODE_MEMORY', value: String(NODE_MEMORY) },
    { op: 'ENV', name: 'NODE_OPTIONS', value: '--max-old-space-size=${NODE_MEMORY}' },
    { op: 'COPY', from: 'deps', sources: [`${WORKDIR}/node_modules`], dest: './node_modules' },
    { op: 'COPY', sources: ['.'], dest: '.' },
  ];
  const prisma = profile.prisma;
  if (prisma) {
    body.push(
      {
        op: 'comment',
        text:
          'Prisma generate never runs the schema engine; an air-gapped build can pass ' +
          '--build-arg PRISMA_SCHEMA_ENGINE_BINARY=/bin/false so the CLI does not try to download it.' +
          (generateNeedsUrl(prisma)
            ? ' prisma.config.ts reads DATABASE_URL, so this one step gets a placeholder that is never used.'
            : ''),
      },
      { op: 'ARG', name: 'PRISMA_SCHEMA_ENGINE_BINARY' },
      {
        op: 'RUN',
        env: generateNeedsUrl(prisma) ? { DATABASE_URL: placeholderDatabaseUrl(prisma) } : {},
        steps: [`node_modules/.bin/prisma generate${schemaFlag(profile)}`],
      },
    );
  }
  const args = profile.nest.monorepo.value ? [profile.nest.project.value] : [];
  body.push({ op: 'RUN', steps: [pm.runScript(profile.nest.buildScript.value, args)] });
  return {
    name: 'builder',
    from,
    why:
      'Build: compiles with every dependency. NODE_ENV stays unset here, so no manager skips the dev ' +
      'tools (nest, tsc, prisma) the build needs.',
    body,
  };
}

/** The schema is passed explicitly only when neither the default path nor a config names it. */
function schemaFlag(profile: Profile): string {
  const prisma = profile.prisma;
  if (!prisma || prisma.config) return '';
  const schema = prisma.schema.value;
  return schema === 'prisma/schema.prisma' || schema === 'prisma/schema' ? '' : ` --schema ${schema}`;
}

function prodDepsStage(
  profile: Profile,
  pm: PackageManagerPlan,
  from: string,
  hook: Instruction[],
): Stage {
  const body: Instruction[] = [...toolchain(profile), ...copyManifests(pm), ...hook];
  const notes: string[] = [];
  const after: string[] = [];
  if (pm.name === 'npm' && profile.prisma) {
    notes.push(
      '@prisma/client names the prisma CLI as an optional peer, so the lockfile marks the CLI and ' +
        'its dependencies devOptional and `npm ci --omit=dev` keeps them (about 250 MB). The lockfile ' +
        'says which packages those are; they are removed here, and the migrate target carries the CLI.',
    );
    after.push(pruneDevOptional(profile.packageManager.lockfile.value), PRUNE_DANGLING_BINS);
  }
  const provider = profile.prisma?.provider.value;
  if (profile.prisma && profile.prisma.major.value >= 7 && provider !== 'mongodb') {
    notes.push(
      `@prisma/client ships a query compiler for every database (72 MB); the app loads the ${provider} ` +
        'one, so the others are removed.',
    );
    after.push(
      "find node_modules/@prisma/client/runtime -name 'query_compiler_*_bg.*'" + ` ! -name '*.${provider}.*' -delete`,
    );
  }
  if (notes.length > 0) body.push({ op: 'comment', text: notes.join(' ') });
  body.push(installRun(profile, pm, pm.installProd, after));
  return {
    name: 'prod-deps',
    from,
    why:
      'Production dependencies: a second, lockfile-strict install without dev dependencies. The ' +
      'cache mount replaces the guide\'s `cache clean`: the cache never enters the layer.',
    body,
  };
}

/** Removes every package the npm lockfile marks devOptional (see the comment in prod-deps). */
function pruneDevOptional(lockfile: string): string {
  return (
    `node -e "const fs = require('fs'); const lock = require('./${lockfile}');\n` +
    'for (const [path, entry] of Object.entries(lock.packages))\n' +
    "  if (entry.devOptional) fs.rmSync(path, { recursive: true, force: true });\""
  );
}

/** Drops links in node_modules/.bin whose package was pruned. */
const PRUNE_DANGLING_BINS =
  "node -e \"const fs = require('fs'); const bin = 'node_modules/.bin';\n" +
  'for (const name of fs.existsSync(bin) ? fs.readdirSync(bin) : [])\n' +
  "  if (!fs.existsSync(bin + '/' + name)) fs.rmSync(bin + '/' + name);\"";

function migrateStage(profile: Profile): Stage {
  const prisma = profile.prisma!;
  const body: Instruction[] = [];
  if (!runtimeNeedsOpenssl(prisma)) {
    body.push(
      { op: 'comment', text: "The schema engine that applies migrations links OpenSSL; the runtime's query compiler does not." },
      { op: 'RUN', steps: opensslSteps(profile) },
    );
  }
  body.push({ op: 'COPY', from: 'deps', sources: [`${WORKDIR}/node_modules`], dest: './node_modules' });
  const top = ['package.json', ...(prisma.config ? [prisma.config.value] : [])];
  body.push({ op: 'COPY', sources: top, dest: './' });
  body.push({ op: 'COPY', sources: [prisma.schema.value], dest: `./${prisma.schema.value}` });
  const migrations = prisma.migrations?.value;
  if (migrations && !migrations.startsWith(`${prisma.schema.value}/`)) {
    body.push({ op: 'COPY', sources: [migrations], dest: `./${migrations}` });
  }
  body.push(
    { op: 'USER', user: `${APP_UID}:${APP_GID}` },
    { op: 'CMD', argv: ['node_modules/.bin/prisma', 'migrate', 'deploy', ...migrateSchemaArgs(profile)] },
  );
  return {
    name: MIGRATE_TARGET,
    from: 'base',
    why:
      'Migrations: a separate target with the lockfile-pinned Prisma CLI, the config, the schema and the ' +
      `migrations, run once per release (compose one-shot, Kubernetes Job) and never by the app at start. ` +
      `It comes before ${RUNTIME_TARGET} so a plain build still produces the runtime image.`,
    body,
  };
}

function migrateSchemaArgs(profile: Profile): string[] {
  const flag = schemaFlag(profile).trim();
  return flag ? flag.split(' ') : [];
}

function runnerStage(profile: Profile): Stage {
  const body: Instruction[] = [
    { op: 'ARG', name: 'PORT', value: String(profile.port.value) },
    { op: 'ARG', name: 'RUNTIME_NODE_MEMORY', value: String(RUNTIME_NODE_MEMORY) },
    { op: 'ENV', name: 'NODE_ENV', value: 'production' },
    { op: 'ENV', name: 'PORT', value: '${PORT}' },
    {
      op: 'ENV',
      name: 'NODE_OPTIONS',
      value: '--enable-source-maps --max-old-space-size=${RUNTIME_NODE_MEMORY}',
    },
    {
      op: 'comment',
      text:
        'node_modules and package.json come before dist/: the guide copies dist/ first, so every ' +
        'source change re-ships the whole node_modules layer (325 MB measured); in this order a ' +
        'source change ships only the dist/ layer. Files stay owned by root, read-only to the app.',
    },
    { op: 'COPY', from: 'prod-deps', sources: [`${WORKDIR}/node_modules`], dest: './node_modules' },
    { op: 'COPY', sources: ['package.json'], dest: './' },
  ];
  const client = clientFolderToCopy(profile);
  if (client) {
    body.push({ op: 'COPY', from: 'builder', sources: [`${WORKDIR}/${client}`], dest: `./${client}` });
  }
  body.push(
    { op: 'COPY', from: 'builder', sources: [`${WORKDIR}/${profile.nest.outDir.value}`], dest: `./${profile.nest.outDir.value}` },
    {
      op: 'comment',
      text:
        'The node user of the official image, by number, so Kubernetes runAsNonRoot can verify it. ' +
        'node is PID 1 in exec form and receives SIGTERM itself.',
    },
    { op: 'USER', user: `${APP_UID}:${APP_GID}` },
    { op: 'EXPOSE', port: '${PORT}' },
  );
  if (profile.health) body.push(...healthcheck(profile.health.value));
  body.push({ op: 'CMD', argv: ['node', profile.nest.entryPath.value] });
  return {
    name: RUNTIME_TARGET,
    from: 'base',
    why:
      'Runtime: only production dependencies and the compiled app. NODE_ENV=production is set here ' +
      'and nowhere earlier, so no build step loses its dev dependencies.',
    body,
  };
}

/** Node's own fetch, so the check works on images without curl or wget. */
function healthcheck(route: string): Instruction[] {
  const script =
    `fetch('http://127.0.0.1:' + process.env.PORT + '${route}')` +
    '.then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))';
  return [
    {
      op: 'HEALTHCHECK',
      options: { interval: '30s', timeout: '5s', 'start-period': '20s', retries: '3' },
      argv: ['node', '-e', script],
    },
  ];
}

/**
 * A `postinstall` that runs `prisma generate` fires inside every install, so the schema (and the
 * config that names it) must be in place before the install rather than only in the builder.
 * The cost: a schema change now re-runs the installs too. Known gap: a production install with
 * pnpm, yarn or bun has no Prisma CLI for that hook (npm keeps it as devOptional until pruned).
 */
function postinstallSchema(profile: Profile, files: GenerateInput['files']): Instruction[] {
  const prisma = profile.prisma;
  if (!prisma || !/prisma\s+generate/.test(postinstallScript(files) ?? '')) return [];
  const schema = prisma.schema.value;
  return [
    {
      op: 'comment',
      text:
        'postinstall runs `prisma generate`, so the schema comes before the install; without it ' +
        'the install fails with no schema found.',
    },
    ...(prisma.config ? [{ op: 'COPY', sources: [prisma.config.value], dest: './' } as Instruction] : []),
    { op: 'COPY', sources: [schema], dest: `./${schema}` },
  ];
}

function postinstallScript(files: GenerateInput['files']): string | undefined {
  try {
    const manifest = JSON.parse(files.read('package.json') ?? '{}') as {
      scripts?: Record<string, unknown>;
    };
    const script = manifest.scripts?.postinstall;
    return typeof script === 'string' ? script : undefined;
  } catch {
    // detection already refused an unreadable package.json; nothing to add here
    return undefined;
  }
}

function toolchain(profile: Profile): Instruction[] {
  const packages = packagesNeedingToolchain(profile);
  if (packages.length === 0) return [];
  return [
    {
      op: 'comment',
      text:
        `${packages.join(', ')} may compile from source when no prebuilt binary is reachable; the ` +
        'compiler stays in the install stages and never reaches the runtime.',
    },
    { op: 'RUN', steps: toolchainSteps(profile) },
  ];
}

/** Says once how to pass the registry credentials the install needs. */
function registrySecretNote(profile: Profile): Instruction[] {
  if (!profile.registryAuth) return [];
  return [
    {
      op: 'comment',
      text:
        `${profile.registryAuth.value} carries registry credentials: pass an .npmrc with the token ` +
        'written out as a build secret, `docker build --secret id=npmrc,src=PATH .` (a build has no ' +
        '${NPM_TOKEN} to expand). It is mounted for the install alone and never enters a layer, ' +
        'an ARG or the build history.',
    },
  ];
}

/**
 * An install step with the manager's cache mounted and, when the project authenticates to a
 * registry, its .npmrc mounted as a build secret: `docker build --secret id=npmrc,src=.npmrc`.
 * The token then never enters a layer, an ARG or the build history.
 */
function installRun(
  profile: Profile,
  pm: PackageManagerPlan,
  command: string,
  after: string[] = [],
): Instruction {
  const mounts: Mount[] = [pm.cache];
  if (profile.registryAuth) mounts.push({ type: 'secret', id: 'npmrc', target: '/root/.npmrc' });
  return { op: 'RUN', mounts, steps: [command, ...after] };
}
