/**
 * Finds the generated Prisma client where the runtime resolves it, and loads it with the image's
 * own node: a client that was generated in the build stage but not copied, or compiled to a
 * different path than the app imports, only shows up when something imports it.
 */
import { posix } from 'node:path';
import { runClient, firstLine, type Engine, type ImageInfo } from './engine.js';
import type { FinalFile } from './layers.js';
import type { VerifyProject } from './project.js';

export interface PrismaObservation {
  /** The generated client's module inside the image, when found. */
  clientPath?: string;
  /** Where it was looked for. */
  looked: string[];
  /** Whether `import()` of it succeeded in the image, when it was found. */
  loaded?: boolean;
  /** The first line of the load error. */
  error?: string;
}

const LOAD =
  "import(require('url').pathToFileURL(process.argv[1]).href)" +
  ".then(m=>process.stdout.write('exports '+Object.keys(m).length))" +
  ".catch(e=>{process.stderr.write(String(e&&e.message||e));process.exit(1)})";

export async function observePrisma(
  engine: Engine,
  image: string,
  info: ImageInfo,
  files: Map<string, FinalFile>,
  project: VerifyProject,
  entry: string | undefined,
  env: string[],
): Promise<PrismaObservation | undefined> {
  const prisma = project.prisma;
  if (!prisma) return undefined;
  const looked = clientCandidates(info, project, entry);
  const clientPath = looked.find((path) => files.get(path)?.type === 'file');
  if (!clientPath) return { looked };

  // Load it with the image's node, as the app's user, without starting the app.
  const args = ['run', '--rm', '--label', 'nestship.verify=1', '--entrypoint', 'node'];
  if (engine.network !== 'default') args.push('--network', engine.network);
  for (const pair of env) args.push('--env', pair);
  args.push(image, '-e', LOAD, clientPath);
  const result = await runClient(engine.client, args, { timeoutMs: 120_000 });
  return result.code === 0
    ? { looked, clientPath, loaded: true }
    : { looked, clientPath, loaded: false, error: firstLine(result.stderr) || `exit ${result.code}` };
}

/** Where the runtime would find the generated client, most likely first. */
function clientCandidates(info: ImageInfo, project: VerifyProject, entry: string | undefined): string[] {
  const prisma = project.prisma;
  if (!prisma) return [];
  const workdir = info.workingDir || '/';
  const out: string[] = [];

  if (prisma.generator === 'prisma-client-js') {
    // The classic generator writes into node_modules/.prisma/client unless told otherwise.
    const dir = prisma.output ? posix.join(workdir, prisma.output) : posix.join(workdir, 'node_modules/.prisma/client');
    out.push(posix.join(dir, 'index.js'), posix.join(dir, 'default.js'));
    return out;
  }

  // The `prisma-client` generator writes TypeScript that the app's own build compiles. An output
  // under the source root lands beside the compiled entry (`src/generated/prisma` ->
  // `dist/generated/prisma`); try the entry's folder first, then the usual outDir layouts.
  const output = prisma.output ?? 'generated/prisma';
  const sourceRoot = project.sourceRoot.replace(/\/+$/, '');
  const underSource = output.startsWith(`${sourceRoot}/`) ? output.slice(sourceRoot.length + 1) : undefined;
  const dirs: string[] = [];
  if (underSource !== undefined) {
    if (entry) dirs.push(posix.join(posix.dirname(posix.resolve(workdir, entry)), underSource));
    dirs.push(posix.join(workdir, 'dist', underSource));
  }
  dirs.push(posix.join(workdir, 'dist', output), posix.join(workdir, output));
  for (const dir of new Set(dirs)) {
    for (const file of ['client.js', 'client.mjs', 'index.js']) out.push(posix.join(dir, file));
  }
  return out;
}
