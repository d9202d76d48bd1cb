/**
 * NS308: the entry file node is asked to load exists in the image. A wrong path (`dist/main.js`
 * when tsc wrote `dist/src/main.js`) builds fine and fails only at start.
 */
import { posix } from 'node:path';
import type { RuleMeta } from '../../findings.js';
import { fail, inImage, NOTHING, pass, type Probe } from '../probe.js';
import { entryPath, startCommand } from '../start-command.js';

export const ENTRY_MISSING: RuleMeta = {
  id: 'NS308',
  name: 'entry-file-missing',
  severity: 'error',
  summary: 'The file the start command runs must exist in the image.',
  why:
    'TypeScript moves the output to dist/src/ when anything outside src/ is compiled, and Nest ' +
    'monorepos compile to dist/apps/NAME/; a start command written for another layout crashes at boot.',
  fix: 'Point CMD at the compiled entry the build really writes (see `nestship init`, which derives it).',
};

export const entryProbe: Probe = {
  rules: [ENTRY_MISSING],
  judge(context) {
    const start = startCommand(context.info);
    if (start.runner !== 'node' || !start.entry) return NOTHING;
    const path = entryPath(context.info, start.entry);
    // node resolves `dist/main` to dist/main.js, .mjs, .cjs or an index file.
    const found = [path, `${path}.js`, `${path}.mjs`, `${path}.cjs`, posix.join(path, 'index.js')].find(
      (candidate) => context.files.get(candidate)?.type === 'file',
    );
    if (found) return pass(ENTRY_MISSING, `the entry ${inImage(context, found)} exists`, { entry: found });
    const mains = [...context.files.values()]
      .filter((f) => f.type === 'file' && /\/main\.(c|m)?js$/.test(f.path) && !f.path.includes('/node_modules/'))
      .map((f) => inImage(context, f.path));
    return fail(
      ENTRY_MISSING,
      `the start command runs ${start.entry}, which is not in the image` +
        (mains.length ? `; the image has ${mains.slice(0, 3).join(', ')}` : ''),
      context.at(context.info.entrypoint?.length ? 'ENTRYPOINT' : 'CMD'),
      { entry: path, ...(mains[0] ? { found: mains[0] } : {}) },
    );
  },
};
