/**
 * `Dockerfile.local`: the guide's separate development image. All dependencies, the source
 * bind-mounted by compose, and `nest start --watch` with polling: file events do not cross a bind
 * mount from macOS or Windows hosts, so the watchers poll instead.
 */
import { WORKDIR } from './defaults.js';
import { renderDockerfile, type Instruction, type Stage } from './dockerfile-model.js';
import type { GenerateInput } from './input.js';
import { copyManifests, packageManagerPlan } from './package-manager.js';

export const DOCKERFILE_LOCAL_PATH = 'Dockerfile.local';

/** The dev target's name, used by compose. */
export const DEV_TARGET = 'dev';

export function dockerfileLocal(input: GenerateInput): string {
  const { profile, files } = input;
  const pm = packageManagerPlan(profile, files);
  const body: Instruction[] = [
    { op: 'WORKDIR', path: WORKDIR },
    { op: 'comment', text: 'tsc (the default Nest builder) and chokidar (swc, webpack) both poll with these set.' },
    { op: 'ENV', name: 'TSC_WATCHFILE', value: 'DynamicPriorityPolling' },
    { op: 'ENV', name: 'TSC_WATCHDIRECTORY', value: 'DynamicPriorityPolling' },
    { op: 'ENV', name: 'CHOKIDAR_USEPOLLING', value: 'true' },
    { op: 'ENV', name: 'CHOKIDAR_INTERVAL', value: '500' },
  ];
  if (pm.setup.length > 0) {
    body.push({ op: 'ENV', name: 'COREPACK_ENABLE_DOWNLOAD_PROMPT', value: '0' }, { op: 'RUN', steps: pm.setup });
  }
  body.push(...copyManifests(pm), { op: 'RUN', mounts: [pm.cache], steps: [pm.install] });
  const project = profile.nest.monorepo.value ? [profile.nest.project.value] : [];
  const start = ['node_modules/.bin/nest', 'start', ...project, '--watch', '--preserveWatchOutput'];
  body.push(
    {
      op: 'comment',
      text:
        'Runs as root: it writes dist/ into the bind-mounted tree, whose owner differs per machine. ' +
        'Never ship this image; the production Dockerfile runs as uid 1000.',
    },
    { op: 'EXPOSE', port: String(profile.port.value) },
    {
      op: 'CMD',
      // The Prisma client is generated at start, into the tree compose mounts, before the watch.
      argv: profile.prisma ? ['sh', '-c', `node_modules/.bin/prisma generate && exec ${start.join(' ')}`] : start,
    },
  );
  const stage: Stage = {
    name: DEV_TARGET,
    from: profile.base.image.value,
    why:
      'Development image for compose (service app-dev): every dependency installed, the source ' +
      'bind-mounted over it, and the app rebuilt and restarted on each change.',
    body,
  };
  return renderDockerfile([stage]);
}
