/**
 * Profile to files. Each generated file has its own template module; this one decides which files
 * a project gets and in what order `init` reports them.
 */
import { compose, COMPOSE_PATH } from './compose.js';
import { dockerfile, DOCKERFILE_PATH } from './dockerfile.js';
import { dockerfileLocal, DOCKERFILE_LOCAL_PATH } from './dockerfile-local.js';
import { dockerignore, DOCKERIGNORE_PATH } from './dockerignore.js';
import { githubWorkflow, GITHUB_WORKFLOW_PATH } from './github-workflow.js';
import type { GeneratedFile, GenerateInput } from './input.js';
import {
  kubernetesDeployment,
  kubernetesMigrateJob,
  kubernetesService,
  K8S_DEPLOYMENT_PATH,
  K8S_MIGRATE_JOB_PATH,
  K8S_SERVICE_PATH,
} from './kubernetes.js';
import { packageScripts, PACKAGE_JSON_PATH } from './package-scripts.js';
import { tsconfigBuild, TSCONFIG_BUILD_PATH } from './tsconfig-build.js';

export type { GeneratedFile, GenerateInput, GenerateOptions, ProjectFiles } from './input.js';

type Template = [path: string, mode: GeneratedFile['mode'], render: (input: GenerateInput) => string | undefined];

const TEMPLATES: Template[] = [
  [DOCKERFILE_PATH, 'owned', dockerfile],
  [DOCKERIGNORE_PATH, 'owned', dockerignore],
  [TSCONFIG_BUILD_PATH, 'once', tsconfigBuild],
  [DOCKERFILE_LOCAL_PATH, 'owned', dockerfileLocal],
  [COMPOSE_PATH, 'owned', compose],
  [PACKAGE_JSON_PATH, 'merged', packageScripts],
  [GITHUB_WORKFLOW_PATH, 'owned', githubWorkflow],
  [K8S_DEPLOYMENT_PATH, 'owned', kubernetesDeployment],
  [K8S_SERVICE_PATH, 'owned', kubernetesService],
  [K8S_MIGRATE_JOB_PATH, 'owned', kubernetesMigrateJob],
];

/** Every file the project gets, in a fixed order. Pure: reads only through `input.files`. */
export function generateFiles(input: GenerateInput): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const [path, mode, render] of TEMPLATES) {
    const content = render(input);
    if (content !== undefined) files.push({ path, mode, content });
  }
  return files;
}
