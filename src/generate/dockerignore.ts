/**
 * `.dockerignore`: the guide's list, plus what must never reach a build context: registry
 * credentials, keys, test output and editor folders. A small context is also a fast one.
 */
import type { GenerateInput } from './input.js';

export const DOCKERIGNORE_PATH = '.dockerignore';

interface Group {
  why: string;
  patterns: string[];
}

export function dockerignore(input: GenerateInput): string {
  const { profile } = input;
  const groups: Group[] = [
    {
      why: 'Installed and built inside the image; a host copy would shadow the lockfile install.',
      patterns: ['node_modules', '**/node_modules', profile.nest.outDir.value, '.nest'],
    },
    {
      why: 'Version control and container files: not inputs of the build.',
      patterns: ['.git', '.gitignore', 'Dockerfile', 'Dockerfile.*', '.dockerignore', 'compose*.yaml', 'docker-compose*.yml'],
    },
    {
      why: 'Secrets: environment files, registry credentials (passed as a build secret) and keys.',
      patterns: ['.env', '.env.*', '!.env.example', '.npmrc', '.yarnrc', '*.pem', '*.key', '*.p12', 'id_rsa*'],
    },
    {
      why: 'Logs, test output and coverage.',
      patterns: ['npm-debug.log*', 'yarn-debug.log*', 'yarn-error.log*', 'pnpm-debug.log*', 'coverage', '.nyc_output', 'test-results', 'junit*.xml', '*.tsbuildinfo'],
    },
    {
      why: 'Editor, CI and deployment folders.',
      patterns: ['.vscode', '.idea', '.github', '.nestship.json', ...(input.options.k8s ? ['k8s'] : [])],
    },
  ];
  if (profile.packageManager.name.value === 'yarn-berry') {
    groups.push({
      why: 'Yarn berry caches and install state; the release and plugins are build inputs and stay.',
      patterns: ['.yarn/cache', '.yarn/install-state.gz', '.pnp.*'],
    });
  }
  return `${groups.map((group) => [`# ${group.why}`, ...group.patterns].join('\n')).join('\n\n')}\n`;
}
