import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from '../../src/dockerfile/parse.js';

const text = [
  'ARG NODE_VERSION=22',
  'ARG PORT=3000',
  'FROM node:${NODE_VERSION}-slim AS base',
  'WORKDIR /usr/src/app',
  'ENV APP_HOME=/usr/src/app',
  'FROM base AS build',
  'ARG PORT',
  'ENV PORT=${PORT} URL=http://localhost:${PORT:-80}/x',
  'COPY --chown=node:node --from=base /usr/src/app/package.json ./',
  'RUN --mount=type=cache,target=/root/.npm npm ci \\',
  '  && npm run build',
  'FROM build',
  'CMD ["node", "dist/main.js"]',
  'ENTRYPOINT node dist/main.js',
].join('\n');

test('stages carry their name, expanded base image and parent', () => {
  const model = parseDockerfile(text);
  assert.equal(model.stages.length, 3);
  assert.equal(model.stages[0]!.image, 'node:22-slim');
  assert.equal(model.stages[0]!.name, 'base');
  assert.equal(model.stages[1]!.parent, 0);
  assert.equal(model.stages[2]!.parent, 1);
  assert.deepEqual(model.stages[0]!.from.keywordSpan, { line: 3, column: 1, endLine: 3, endColumn: 5 });
  assert.equal(model.globalArgs.length, 2);
});

test('ARG re-declared in a stage takes the global default, and ENV expands it at every level', () => {
  const model = parseDockerfile(text);
  const env = model.stages[1]!.steps[1]!;
  assert.deepEqual(
    env.declarations.map((d) => [d.name, d.value]),
    [
      ['PORT', '3000'],
      ['URL', 'http://localhost:3000/x'],
    ],
  );
  // ENV and WORKDIR reach child stages; the stage-local ARG does not, but ENV PORT does.
  const cmd = model.stages[2]!.steps[0]!;
  assert.equal(cmd.scope.get('PORT'), '3000');
  assert.equal(cmd.scope.get('APP_HOME'), '/usr/src/app');
  assert.equal(cmd.workdir, '/usr/src/app');
});

test('--from is read even when --chown comes first', () => {
  const model = parseDockerfile(text);
  const copy = model.stages[1]!.steps[2]!.copy!;
  assert.equal(copy.from, 'base');
  assert.equal(copy.fromStage, 0);
  assert.equal(copy.chown, 'node:node');
  assert.deepEqual(copy.sources, ['/usr/src/app/package.json']);
  assert.equal(copy.destAbs, '/usr/src/app');
});

test('RUN flags are kept and the body is split into commands with real positions', () => {
  const model = parseDockerfile(text);
  const run = model.stages[1]!.steps[3]!;
  assert.deepEqual(run.flags.map((f) => [f.name, f.value]), [['mount', 'type=cache,target=/root/.npm']]);
  assert.equal(run.form, 'shell');
  assert.deepEqual(run.commands.map((c) => c.words.map((w) => w.value)), [['npm', 'ci'], ['npm', 'run', 'build']]);
  const build = run.commands[1]!.words[2]!;
  assert.equal(text.slice(build.start, build.end), 'build');
});

test('exec form and shell form are told apart', () => {
  const model = parseDockerfile(text);
  const [cmd, entrypoint] = model.stages[2]!.steps;
  assert.equal(cmd!.form, 'exec');
  assert.deepEqual(cmd!.exec, ['node', 'dist/main.js']);
  assert.equal(entrypoint!.form, 'shell');
  assert.equal(cmd!.commands[0]!.words[1]!.value, 'dist/main.js');
});

test('garbage, empty text and text without FROM parse without throwing', () => {
  for (const input of ['', '\u0000\u0001', 'RUN echo hi', '[[[', 'FROM', '\\\n\\\n', 'ARG =\nFROM $']) {
    const model = parseDockerfile(input);
    assert.ok(Array.isArray(model.stages));
  }
  assert.equal(parseDockerfile('RUN echo hi').preamble.length, 1);
});

test('CRLF line endings keep positions and commands right', () => {
  const model = parseDockerfile('FROM node:22\r\nRUN npm ci \\\r\n  && npm test\r\n');
  const run = model.stages[0]!.steps[0]!;
  assert.deepEqual(run.commands.map((c) => c.words.map((w) => w.value)), [['npm', 'ci'], ['npm', 'test']]);
  assert.equal(run.span.line, 2);
});

test('the escape directive changes the continuation character, and heredoc bodies are read as commands', () => {
  const model = parseDockerfile('# escape=`\nFROM node:22\nRUN npm ci `\n  && npm run build\nRUN <<EOF\nnpm install\nEOF\n');
  assert.equal(model.escapeChar, '`');
  const [ci, heredoc] = model.stages[0]!.steps;
  assert.deepEqual(ci!.commands.map((c) => c.words.map((w) => w.value)), [['npm', 'ci'], ['npm', 'run', 'build']]);
  assert.deepEqual(heredoc!.commands[0]!.words.map((w) => w.value), ['npm', 'install']);
  assert.deepEqual(model.directives.map((d) => [d.name, d.value]), [['escape', '`']]);
});
