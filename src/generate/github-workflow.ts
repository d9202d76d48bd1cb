/**
 * `--ci github`: a GitHub Actions workflow that builds the runtime image (and the migrate image)
 * with BuildKit and keeps the layer cache in the registry next to the image (`type=registry`),
 * so every runner, including a fresh one, reuses the dependency layers.
 */
import { MIGRATE_TARGET, RUNTIME_TARGET } from './defaults.js';
import type { GenerateInput } from './input.js';
import { commented, renderYaml, type YamlMap, type YamlValue } from './yaml.js';

export const GITHUB_WORKFLOW_PATH = '.github/workflows/container.yml';

export function githubWorkflow(input: GenerateInput): string | undefined {
  if (input.options.ci !== 'github') return undefined;
  const { profile } = input;
  const steps: YamlValue[] = [
    { uses: 'actions/checkout@v4' },
    { uses: 'docker/setup-buildx-action@v3' },
    commented('Registry paths must be lower case; the repository name may not be.', {
      name: 'Image name',
      run: 'echo "IMAGE=ghcr.io/${GITHUB_REPOSITORY,,}" >> "$GITHUB_ENV"',
    }),
    {
      name: 'Log in to the registry',
      if: "github.event_name != 'pull_request'",
      uses: 'docker/login-action@v3',
      with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' },
    },
    buildStep(input, RUNTIME_TARGET, '${{ env.IMAGE }}', 'buildcache'),
  ];
  if (profile.prisma) steps.push(buildStep(input, MIGRATE_TARGET, '${{ env.IMAGE }}-migrate', 'buildcache-migrate'));
  const document: YamlMap = {
    name: 'container',
    on: { push: { branches: ['main'] }, pull_request: {} },
    permissions: { contents: 'read', packages: 'write' },
    jobs: { image: { 'runs-on': 'ubuntu-latest', steps } },
  };
  return renderYaml(document, `${profile.name.value}: written by nestship init --ci github.`);
}

/**
 * Pull requests build with the cache but neither push nor write it: forks have no registry token,
 * and a branch must not overwrite the cache main builds from.
 */
function buildStep(input: GenerateInput, target: string, image: string, cacheTag: string): YamlMap {
  const cache = `type=registry,ref=\${{ env.IMAGE }}:${cacheTag}`;
  const cacheTo = `format('type=registry,ref={0}:${cacheTag},mode=max', env.IMAGE)`;
  const withs: YamlMap = {
    context: '.',
    target,
    push: "${{ github.event_name != 'pull_request' }}",
    tags: `${image}:\${{ github.sha }}`,
    'cache-from': cache,
    'cache-to': `\${{ github.event_name != 'pull_request' && ${cacheTo} || '' }}`,
  };
  if (input.profile.registryAuth) {
    withs.secrets = 'npmrc=${{ secrets.NPMRC }}';
  }
  return { name: `Build ${target}`, uses: 'docker/build-push-action@v6', with: withs };
}
