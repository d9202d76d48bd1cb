import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretFileInLayer } from '../../src/rules/secret-file-in-layer.js';
import { lines, lintWith, positions } from './helpers.js';

test('copying .npmrc or .env by name is reported at the arguments', () => {
  const text = lines('FROM node:22-slim', 'COPY package.json .npmrc ./', 'COPY .env.production ./.env');
  assert.deepEqual(positions(lintWith(secretFileInLayer, text)), [['NS116', 2, 6], ['NS116', 3, 6]]);
});

test('COPY . . takes a present .env along unless .dockerignore covers it', () => {
  const text = lines('FROM node:22-slim', 'COPY . .');
  const files = { '.env': 'DATABASE_URL=postgres://u:p@h/db\n' };
  assert.deepEqual(positions(lintWith(secretFileInLayer, text, { files })), [['NS116', 2, 6]]);
  assert.deepEqual(lintWith(secretFileInLayer, text, { files, dockerignore: '.env\n' }), []);
});

test('a .yarnrc.yml without credentials copied by name passes', () => {
  const files = { '.yarnrc.yml': 'nodeLinker: node-modules\n' };
  assert.deepEqual(lintWith(secretFileInLayer, lines('FROM node:22-slim', 'COPY package.json .yarnrc.yml ./'), { files }), []);
});

test('an .npmrc without credentials, an example env file and stage copies pass', () => {
  const files = { '.npmrc': 'engine-strict=true\n' };
  assert.deepEqual(lintWith(secretFileInLayer, lines('FROM node:22-slim', 'COPY . .'), { files, dockerignore: '' }), []);
  assert.deepEqual(lintWith(secretFileInLayer, lines('FROM node:22-slim', 'COPY .env.example ./')), []);
});
