import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerignoreCoverage } from '../../src/rules/dockerignore-coverage.js';
import { applyFix, lintWith } from './helpers.js';

const dockerfile = 'FROM node:22-slim\n';
const guide = 'node_modules\ndist\n.git\n.gitignore\nDockerfile\nnpm-debug.log\n.env\n.env.*\ncoverage\n';

test("the guide's .dockerignore misses .npmrc and keys, and the fix appends them", () => {
  const findings = lintWith(dockerignoreCoverage, dockerfile, { dockerignore: guide });
  assert.deepEqual(findings.map((f) => [f.id, f.location.file, f.location.line, f.location.column]), [['NS202', '.dockerignore', 1, 1]]);
  assert.match(findings[0]!.message, /\.npmrc, \*\.pem, \*\.key/);
  assert.equal(applyFix(guide, findings[0]!), `${guide}.npmrc\n*.pem\n*.key\n`);
});

test('a complete .dockerignore passes, with patterns written any valid way', () => {
  const full = '/node_modules/\n./dist\n.git\n.env*\n.npmrc\n**/*.pem\n**/*.key\n';
  assert.deepEqual(lintWith(dockerignoreCoverage, dockerfile, { dockerignore: full }), []);
});
