import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectHealthRoute } from '../../src/detect/health.js';
import { readBootSources } from '../../src/detect/source-file.js';
import { fixture, projectTree } from './project-tree.js';

async function healthOf(root: string, sourceRoot = 'src') {
  return detectHealthRoute(
    root,
    sourceRoot,
    await readBootSources(root, `${sourceRoot}/main.ts`, sourceRoot),
  );
}

const HEALTH_CONTROLLER = `import { Controller, Get } from '@nestjs/common';

@Controller('health')
export class HealthController {
  @Get()
  check() {
    return { status: 'ok' };
  }
}
`;

test('a terminus readiness route is preferred over liveness', async () => {
  assert.deepEqual(await healthOf(fixture('npm-prisma7')), {
    value: '/health/ready',
    source: 'src/health/health.controller.ts',
    detail: '@nestjs/terminus GET at line 18',
  });
});

test('a terminus route on the controller root is /health', async () => {
  const health = await healthOf(fixture('npm-prisma6'));
  assert.equal(health?.value, '/health');
  assert.equal(health?.source, 'src/health/health.controller.ts');
});

test('a plain controller without terminus is found too', async () => {
  assert.equal((await healthOf(fixture('npm-fastify')))?.value, '/healthz');
  assert.equal((await healthOf(fixture('pnpm-prisma7')))?.value, '/status/ready');
  assert.equal((await healthOf(fixture('npm-monorepo'), 'apps/api/src'))?.value, '/health');
});

test('a project without a health route has none', async () => {
  assert.equal(await healthOf(fixture('npm-basic')), undefined);
});

test('the global prefix is applied unless the route is excluded from it', async (t) => {
  const prefixed = projectTree(t, {
    'src/main.ts': "app.setGlobalPrefix('api');\nawait app.listen(3000);\n",
    'src/health.controller.ts': HEALTH_CONTROLLER,
  });
  assert.equal((await healthOf(prefixed))?.value, '/api/health');
  const excluded = projectTree(t, {
    'src/main.ts': "app.setGlobalPrefix('api', { exclude: ['health'] });\n",
    'src/health.controller.ts': HEALTH_CONTROLLER,
  });
  assert.equal((await healthOf(excluded))?.value, '/health');
});

test('@Controller({ path }) is read, and routes with parameters or in specs are ignored', async (t) => {
  const root = projectTree(t, {
    'src/status.controller.ts':
      "@Controller({ path: 'status', version: '1' })\nexport class S {\n  @Get('live')\n  live() {}\n  @Get('ready/:probe')\n  probe() {}\n}\n",
    'src/health.controller.spec.ts':
      "@Controller('health')\nclass T {\n  @Get('ready')\n  r() {}\n}\n",
  });
  assert.deepEqual(await healthOf(root), {
    value: '/status/live',
    source: 'src/status.controller.ts',
    detail: 'GET at line 3',
  });
});
