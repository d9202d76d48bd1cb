import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cmdExecForm } from '../../src/rules/cmd-exec-form.js';
import { applyFix, lines, lintWith, positions } from './helpers.js';

test('a shell-form CMD is reported and rewritten as an exec array', () => {
  const text = lines('FROM node:22-slim', 'CMD node dist/main.js');
  const findings = lintWith(cmdExecForm, text);
  assert.deepEqual(positions(findings), [['NS108', 2, 5]]);
  assert.equal(applyFix(text, findings[0]!), lines('FROM node:22-slim', 'CMD ["node", "dist/main.js"]'));
});

test('a shell form that needs the shell gets no fix', () => {
  const text = lines('FROM node:22-slim', 'ENTRYPOINT node --max-old-space-size=$MEM dist/main.js');
  const findings = lintWith(cmdExecForm, text);
  assert.deepEqual(positions(findings), [['NS108', 2, 12]]);
  assert.equal(findings[0]!.fix, undefined);
});

test('exec form passes, and a shell-form CMD of an earlier stage does not count', () => {
  assert.deepEqual(lintWith(cmdExecForm, lines('FROM node:22-slim', 'CMD ["node", "dist/main.js"]')), []);
  assert.deepEqual(lintWith(cmdExecForm, lines('FROM node:22 AS dev', 'CMD npm run start:dev', 'FROM node:22-slim', 'CMD ["node", "dist/main.js"]')), []);
});
