/**
 * The templates on hand-built Profiles, for the cases no fixture project has: a musl base that
 * must compile a native module, Node 25 without corepack, prisma-client-js, MySQL, registry auth in
 * CI, and the Kubernetes memory limit that must match the image's heap.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containerMemoryLimitMi, RUNTIME_NODE_MEMORY } from '../../src/generate/defaults.js';
import { generateFiles, type GenerateOptions } from '../../src/generate/index.js';
import type { Profile } from '../../src/detect/profile.js';
import { nestProfile, prisma7 } from './profiles.js';

const noFiles = { exists: () => false, read: () => '{\n  "name": "app"\n}\n' };

function file(profile: Profile, path: string, options: GenerateOptions = {}): string {
  const found = generateFiles({ profile, files: noFiles, options }).find((f) => f.path === path);
  assert.ok(found, `${path} is generated`);
  return found.content;
}

describe('templates', () => {
  test('bcrypt on alpine gets a toolchain from apk in the install stages only', () => {
    const profile = nestProfile({
      native: { packages: { value: ['bcrypt'], source: 'package.json' } },
      base: { family: { value: 'alpine', source: '--base' }, image: { value: 'node:22-alpine', source: '--base' } },
    });
    const dockerfile = file(profile, 'Dockerfile');
    const stages = dockerfile.split(/\n(?=(?:#[^\n]*\n)*FROM )/);
    const withToolchain = stages.filter((s) => s.includes('apk add --no-cache python3 make g++')).map((s) => /AS (\S+)/.exec(s)?.[1]);
    assert.deepEqual(withToolchain, ['deps', 'prod-deps']);
  });

  test('argon2 ships prebuilt binaries, so no toolchain is installed', () => {
    const profile = nestProfile({ native: { packages: { value: ['argon2'], source: 'package.json' } } });
    assert.doesNotMatch(file(profile, 'Dockerfile'), /g\+\+/);
  });

  test('pnpm on Node 25 installs corepack from npm before pinning pnpm', () => {
    const profile = nestProfile({
      node: { value: 25, source: '.nvmrc' },
      packageManager: {
        name: { value: 'pnpm', source: 'package.json' },
        version: { value: '10.20.0', source: 'package.json' },
        lockfile: { value: 'pnpm-lock.yaml', source: 'pnpm-lock.yaml' },
      },
    });
    assert.match(
      file(profile, 'Dockerfile'),
      /RUN npm install --global corepack@[\d.]+ \\\n && corepack enable pnpm \\\n && corepack prepare pnpm@10\.20\.0 --activate/,
    );
  });

  test('prisma-client-js: the generated client is copied from the builder before dist/', () => {
    const profile = nestProfile({ prisma: prisma7({ generator: { value: 'prisma-client-js', source: 'schema' }, output: undefined }) });
    const runner = file(profile, 'Dockerfile').split('AS runner')[1]!;
    const client = runner.indexOf('COPY --from=builder /usr/src/app/node_modules/.prisma ./node_modules/.prisma');
    assert.ok(client > 0 && client < runner.indexOf('./dist'));
  });

  test('MySQL gets a mysql service with a healthcheck and the migrate one-shot behind it', () => {
    const profile = nestProfile({ prisma: prisma7({ provider: { value: 'mysql', source: 'schema' } }) });
    const compose = file(profile, 'compose.yaml');
    assert.match(compose, /image: mysql:8\.4/);
    assert.match(compose, /mysqladmin ping/);
    assert.match(compose, /DATABASE_URL: "mysql:\/\/app:app@db:3306\/app"|DATABASE_URL: mysql:\/\/app:app@db:3306\/app/);
    assert.match(file(profile, 'Dockerfile'), /! -name '\*\.mysql\.\*' -delete/);
  });

  test('registry auth reaches CI as a BuildKit secret, never as a build argument', () => {
    const profile = nestProfile({ registryAuth: { value: '.npmrc', source: '.npmrc' } });
    const workflow = file(profile, '.github/workflows/container.yml', { ci: 'github' });
    assert.match(workflow, /secrets: npmrc=\$\{\{ secrets\.NPMRC \}\}/);
    assert.doesNotMatch(workflow, /build-args/);
    assert.match(workflow, /cache-from: type=registry,ref=/);
    assert.match(file(profile, 'Dockerfile'), /--mount=type=secret,id=npmrc,target=\/root\/\.npmrc/);
  });

  test('the Kubernetes memory limit leaves room above RUNTIME_NODE_MEMORY and runs as uid 1000 read-only', () => {
    const deployment = file(nestProfile(), 'k8s/deployment.yaml', { k8s: true });
    const limit = containerMemoryLimitMi();
    assert.ok(limit > RUNTIME_NODE_MEMORY && limit <= RUNTIME_NODE_MEMORY * 1.5);
    assert.match(deployment, new RegExp(`limits:\\n\\s+memory: ${limit}Mi`));
    assert.match(deployment, /RUNTIME_NODE_MEMORY=384/);
    for (const setting of ['runAsNonRoot: true', 'runAsUser: 1000', 'readOnlyRootFilesystem: true', 'mountPath: /tmp', 'terminationGracePeriodSeconds: 30']) {
      assert.ok(deployment.includes(setting), setting);
    }
    assert.match(deployment, /tcpSocket:/, 'without a health route the probes use the port');
  });

  test('a service without a health route gets no HEALTHCHECK', () => {
    assert.doesNotMatch(file(nestProfile(), 'Dockerfile'), /HEALTHCHECK/);
  });
});
