/**
 * `--k8s`: a Deployment whose probes, security context and memory limit match the image, a Service,
 * and, with Prisma, a Job that runs the migrate image once per release, so replicas never race to
 * migrate at start.
 */
import {
  APP_GID,
  APP_UID,
  RUNTIME_NODE_MEMORY,
  containerMemoryLimitMi,
} from './defaults.js';
import type { GenerateInput } from './input.js';
import { commented, renderYaml, type YamlMap } from './yaml.js';

export const K8S_DEPLOYMENT_PATH = 'k8s/deployment.yaml';
export const K8S_SERVICE_PATH = 'k8s/service.yaml';
export const K8S_MIGRATE_JOB_PATH = 'k8s/migrate-job.yaml';

/** SIGTERM to exit; the app drains in well under this. */
const GRACE_SECONDS = 30;

function names(input: GenerateInput): { app: string; image: string; labels: YamlMap } {
  const app = input.profile.name.value.replace(/^@[^/]+\//, '').replace(/[^a-z0-9-]/gi, '-').toLowerCase();
  return {
    app,
    image: `${app}:replace-with-release-tag`,
    labels: { 'app.kubernetes.io/name': app },
  };
}

/** The pod-level and container-level settings that the image was built for: uid 1000, no writes. */
function podSecurity(): YamlMap {
  return {
    runAsNonRoot: true,
    runAsUser: APP_UID,
    runAsGroup: APP_GID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function containerSecurity(): YamlMap {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  };
}

/** A writable /tmp in memory: the root filesystem is read-only. */
const TMP_VOLUME: YamlMap = { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } };
const TMP_MOUNT: YamlMap = { name: 'tmp', mountPath: '/tmp' };

function databaseEnv(input: GenerateInput, app: string): YamlMap[] {
  if (!input.profile.prisma) return [];
  return [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${app}-database`, key: 'url' } } }];
}

export function kubernetesDeployment(input: GenerateInput): string | undefined {
  if (!input.options.k8s) return undefined;
  const { app, image, labels } = names(input);
  const port = input.profile.port.value;
  const probe = (periodSeconds: number, failureThreshold: number): YamlMap => ({
    ...(input.profile.health
      ? { httpGet: { path: input.profile.health.value, port: 'http' } }
      : { tcpSocket: { port: 'http' } }),
    periodSeconds,
    failureThreshold,
  });
  const limit = `${containerMemoryLimitMi()}Mi`;
  const container: YamlMap = {
    name: 'app',
    image,
    ports: [{ name: 'http', containerPort: port }],
    env: [{ name: 'PORT', value: String(port) }, ...databaseEnv(input, app)],
    startupProbe: probe(2, 30),
    readinessProbe: probe(5, 3),
    livenessProbe: probe(10, 3),
    resources: commented(
      `The image caps the V8 heap at RUNTIME_NODE_MEMORY=${RUNTIME_NODE_MEMORY} MB; the limit leaves a quarter ` +
        'for code, buffers and stacks. Change both together.',
      { requests: { cpu: '100m', memory: limit }, limits: { memory: limit } },
    ),
    securityContext: containerSecurity(),
    volumeMounts: [TMP_MOUNT],
  };
  const document: YamlMap = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds: GRACE_SECONDS,
          securityContext: podSecurity(),
          containers: [container],
          volumes: [TMP_VOLUME],
        },
      },
    },
  };
  return renderYaml(document, `${input.profile.name.value}: written by nestship init --k8s.`);
}

export function kubernetesService(input: GenerateInput): string | undefined {
  if (!input.options.k8s) return undefined;
  const { app, labels } = names(input);
  const document: YamlMap = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app, labels },
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
  return renderYaml(document, `${input.profile.name.value}: written by nestship init --k8s.`);
}

export function kubernetesMigrateJob(input: GenerateInput): string | undefined {
  if (!input.options.k8s || !input.profile.prisma) return undefined;
  const { app, labels } = names(input);
  const document: YamlMap = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${app}-migrate`, labels },
    spec: {
      backoffLimit: 2,
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          securityContext: podSecurity(),
          containers: [
            {
              name: 'migrate',
              image: `${app}-migrate:replace-with-release-tag`,
              // No update check or telemetry call from a read-only, short-lived pod.
              env: [...databaseEnv(input, app), { name: 'CHECKPOINT_DISABLE', value: '1' }],
              securityContext: containerSecurity(),
              volumeMounts: [TMP_MOUNT],
            },
          ],
          volumes: [TMP_VOLUME],
        },
      },
    },
  };
  return renderYaml(
    document,
    `${input.profile.name.value}: written by nestship init --k8s. Apply before each rollout and wait for\n` +
      'completion; the image is the Dockerfile\'s migrate target.',
  );
}
