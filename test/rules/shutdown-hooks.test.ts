import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shutdownHooks } from '../../src/rules/shutdown-hooks.js';
import { lines, lintWith, nestProfile, positions } from './helpers.js';

const main = lines('async function bootstrap() {', '  const app = await NestFactory.create(AppModule);', '  await app.listen(3000);', '}');
const dockerfile = lines('FROM node:22-slim', 'CMD ["node", "dist/main.js"]');

test('missing shutdown hooks are reported in main.ts at the listen call', () => {
  const profile = nestProfile({ shutdownHooks: { value: false, source: 'src/main.ts' } });
  const findings = lintWith(shutdownHooks, dockerfile, { profile, files: { 'src/main.ts': main } });
  assert.deepEqual(positions(findings), [['NS205', 3, 3]]);
  assert.equal(findings[0]!.location.file, 'src/main.ts');
});

test('enabled hooks pass, and without a profile the rule stays silent', () => {
  assert.deepEqual(lintWith(shutdownHooks, dockerfile, { profile: nestProfile() }), []);
  assert.deepEqual(lintWith(shutdownHooks, dockerfile), []);
});
