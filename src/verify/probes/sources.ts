/**
 * NS311: no TypeScript sources, tests, .git or Dockerfile in any layer. They are not needed to run,
 * they show how the service is built and tested, and they make the image bigger. A file removed in
 * a later layer still ships in the layer that added it, so every layer is read.
 */
import type { RuleMeta } from '../../findings.js';
import type { FinalFile } from '../layers.js';
import { basename, listPaths, projectFiles } from '../content.js';
import { fail, pass, type Probe } from '../probe.js';

export const SOURCES_SHIPPED: RuleMeta = {
  id: 'NS311',
  name: 'sources-shipped',
  severity: 'warning',
  summary: 'No TypeScript sources, tests, .git or Dockerfile in any layer of the image.',
  why:
    'The runtime needs the compiled output only. Sources, tests and the repository history make the ' +
    'image larger and hand an attacker a map of the service; a .git folder can hold every secret ' +
    'ever committed.',
  fix: 'Copy only the compiled output into the runtime stage, and list .git, test/ and Dockerfile in .dockerignore.',
};

const KINDS: Array<{ kind: string; test: (file: FinalFile) => boolean }> = [
  { kind: '.git', test: (f) => /\/\.git(\/|$)/.test(f.path) },
  { kind: 'tests', test: (f) => /\.(spec|test|e2e-spec)\.[cm]?[jt]sx?$/.test(f.path) || /\/(test|tests|__tests__)\/.+\.[cm]?[jt]sx?$/.test(f.path) },
  { kind: 'TypeScript sources', test: (f) => /\.[cm]?tsx?$/.test(f.path) && !/\.d\.[cm]?ts$/.test(f.path) },
  { kind: 'the Dockerfile', test: (f) => /^(Dockerfile|Containerfile)([.-].+)?$|\.dockerfile$/i.test(basename(f.path)) },
];

export const sourcesProbe: Probe = {
  rules: [SOURCES_SHIPPED],
  judge(context) {
    // The migrate target runs the Prisma CLI, which reads prisma.config.ts: that one belongs there.
    const migrate = context.target === 'migrate';
    const found = new Map<string, FinalFile[]>();
    for (const file of projectFiles(context)) {
      if (file.type !== 'file' && !(file.type === 'dir' && basename(file.path) === '.git')) continue;
      if (migrate && /\/prisma\.config\.[cm]?ts$/.test(file.path)) continue;
      const kind = KINDS.find((k) => k.test(file))?.kind;
      if (kind) found.set(kind, [...(found.get(kind) ?? []), file]);
    }
    if (found.size === 0) return pass(SOURCES_SHIPPED, 'no sources, tests, .git or Dockerfile in any layer');
    const parts = [...found].map(([kind, files]) => `${kind}: ${listPaths(context, files)}`);
    const figures = Object.fromEntries([...found].map(([kind, files]) => [kind, files.length]));
    return fail(SOURCES_SHIPPED, `the image ships ${parts.join('; ')}`, context.at(), figures);
  },
};
