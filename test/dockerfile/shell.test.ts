import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flattenShellC, hasFlag, programOf, tokenizeShell } from '../../src/dockerfile/shell.js';

const words = (text: string) => tokenizeShell(text).map((c) => c.words.map((w) => w.value));

test('list operators and pipes split commands, quoted operators do not', () => {
  assert.deepEqual(words('npm ci && echo "a && b" || true; ls | wc -l'), [
    ['npm', 'ci'],
    ['echo', 'a && b'],
    ['true'],
    ['ls'],
    ['wc', '-l'],
  ]);
  const seps = tokenizeShell('a && b || c ; d | e').map((c) => c.separator);
  assert.deepEqual(seps, ['', '&&', '||', ';', '|']);
});

test('line continuations and comment lines inside them are removed', () => {
  const text = 'npm ci \\\n# a comment line\n  --omit=dev \\\n\n  && npm cache clean --force';
  assert.deepEqual(words(text), [
    ['npm', 'ci', '--omit=dev'],
    ['npm', 'cache', 'clean', '--force'],
  ]);
});

test('word offsets point into the original text', () => {
  const text = 'npm ci \\\n  && npm install';
  const install = tokenizeShell(text)[1]!.words[1]!;
  assert.equal(text.slice(install.start, install.end), 'install');
});

test('assignment prefixes are kept apart from the program', () => {
  const [cmd] = tokenizeShell('NODE_ENV=production CI=1 npm ci');
  assert.deepEqual(cmd!.assignments.map((w) => w.value), ['NODE_ENV=production', 'CI=1']);
  assert.equal(programOf(cmd!), 'npm');
});

test('redirections and their targets are not arguments', () => {
  assert.deepEqual(words('npm ci > /dev/null 2>&1 && echo ok'), [['npm', 'ci'], ['echo', 'ok']]);
});

test('compound keywords are skipped so the command inside is seen', () => {
  assert.deepEqual(words('if [ -f x ]; then npm ci; fi'), [['[', '-f', 'x', ']'], ['npm', 'ci']]);
});

test('comments end the command text', () => {
  assert.deepEqual(words('npm ci # npm install'), [['npm', 'ci']]);
});

test('flags are found in every spelling', () => {
  const [cmd] = tokenizeShell('npm ci --omit dev --omit=optional');
  assert.ok(hasFlag(cmd!, '--omit', 'dev'));
  assert.ok(hasFlag(cmd!, '--omit', 'optional'));
  assert.ok(!hasFlag(cmd!, '--omit', 'peer'));
});

test('sh -c scripts are expanded into their commands', () => {
  const flat = flattenShellC(tokenizeShell(`sh -c "npx prisma migrate deploy && node dist/main.js"`));
  assert.deepEqual(flat.map((c) => c.words.map((w) => w.value)), [
    ['npx', 'prisma', 'migrate', 'deploy'],
    ['node', 'dist/main.js'],
  ]);
});

test('unterminated quotes and substitutions do not throw', () => {
  for (const text of ['echo "abc', "echo 'abc", 'echo $(ls', 'echo `ls', 'a && && ||', '\\']) {
    assert.ok(Array.isArray(tokenizeShell(text)));
  }
});
