import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isIgnored, parseDockerignore } from '../../src/dockerfile/ignore.js';

test('patterns are anchored at the context root', () => {
  const p = parseDockerignore('node_modules\n.env\n');
  assert.ok(isIgnored(p, 'node_modules'));
  assert.ok(isIgnored(p, 'node_modules/x/index.js'));
  assert.ok(!isIgnored(p, 'packages/a/node_modules'));
  assert.ok(isIgnored(p, '.env'));
});

test('double star crosses folders and negation re-includes', () => {
  const p = parseDockerignore('**/*.pem\n.env.*\n!.env.example\n');
  assert.ok(isIgnored(p, 'keys/server.pem'));
  assert.ok(isIgnored(p, 'server.pem'));
  assert.ok(isIgnored(p, '.env.production'));
  assert.ok(!isIgnored(p, '.env.example'));
});

test('leading slash, ./ and trailing slash are cleaned like the builder does', () => {
  const p = parseDockerignore('/dist/\n./coverage\n# comment\n\n');
  assert.ok(isIgnored(p, 'dist/main.js'));
  assert.ok(isIgnored(p, 'coverage'));
  assert.equal(p.length, 2);
});
