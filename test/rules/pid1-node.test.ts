import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pid1Node } from '../../src/rules/pid1-node.js';
import { lines, lintWith, positions } from './helpers.js';

test('npm start, yarn scripts and nest start as PID 1 are reported at the command', () => {
  assert.deepEqual(positions(lintWith(pid1Node, lines('FROM node:22-slim', 'CMD ["npm", "start"]'))), [['NS112', 2, 6]]);
  assert.deepEqual(positions(lintWith(pid1Node, lines('FROM node:22-slim', 'CMD yarn start:prod'))), [['NS112', 2, 5]]);
  assert.deepEqual(positions(lintWith(pid1Node, lines('FROM node:22-slim', 'CMD ["npx", "nest", "start"]'))), [['NS112', 2, 6]]);
});

test('an explicit sh -c that does not exec is reported at the arguments', () => {
  const text = lines('FROM node:22-slim', 'ENTRYPOINT ["sh", "-c", "node dist/main.js"]');
  assert.deepEqual(positions(lintWith(pid1Node, text)), [['NS112', 2, 12]]);
});

test('node itself, node behind tini, and sh -c with exec pass', () => {
  assert.deepEqual(lintWith(pid1Node, lines('FROM node:22-slim', 'CMD ["node", "dist/main.js"]')), []);
  assert.deepEqual(lintWith(pid1Node, lines('FROM node:22-slim', 'ENTRYPOINT ["tini", "--"]', 'CMD ["node", "dist/main.js"]')), []);
  assert.deepEqual(lintWith(pid1Node, lines('FROM node:22-slim', 'CMD ["sh", "-c", "exec node dist/main.js"]')), []);
});
