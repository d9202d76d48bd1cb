/**
 * The Node.js major the image runs. An exact pin the team runs locally (.nvmrc, .node-version, volta)
 * wins; otherwise `engines.node` constrains the choice; otherwise the guide's 22.
 * Only the major matters: the image tag is `node:<major>-<family>`.
 */
import semver from 'semver';
import { NestshipError } from '../errors.js';
import { readTextIfExists, recordAt, stringAt } from './files.js';
import type { Manifest } from './manifest.js';
import type { Fact } from './profile.js';

export const DEFAULT_NODE_MAJOR = 22;

/** Majors tried against an `engines` range, best first: the guide's default, then newer, then older. */
const PREFERRED_MAJORS = [22, 24, 20, 26, 18];

/** nvm's LTS code names, as written in `.nvmrc` (`lts/jod`). */
const LTS_CODENAMES: Record<string, number> = {
  hydrogen: 18,
  iron: 20,
  jod: 22,
  krypton: 24,
};

export async function detectNodeVersion(root: string, manifest: Manifest): Promise<Fact<number>> {
  // Step 1: exact pins, in the order version managers read them.
  for (const file of ['.nvmrc', '.node-version']) {
    const text = await readTextIfExists(root, file);
    if (text === undefined) continue;
    const major = majorOfPin(firstLine(text), file);
    if (major !== undefined) return { value: major, source: file, detail: firstLine(text) };
  }
  const volta = stringAt(recordAt(manifest.raw, 'volta'), 'node');
  if (volta) {
    const major = majorOfPin(volta, manifest.file);
    if (major !== undefined)
      return { value: major, source: manifest.file, detail: `volta.node ${volta}` };
  }

  // Step 2: a range in engines.node picks the best supported major inside it.
  const engines = stringAt(recordAt(manifest.raw, 'engines'), 'node');
  if (engines) {
    return {
      value: majorInRange(engines, manifest.file),
      source: manifest.file,
      detail: `engines.node ${engines}`,
    };
  }

  // Step 3: the guide's default.
  return {
    value: DEFAULT_NODE_MAJOR,
    source: 'default',
    detail: 'no engines, .nvmrc, .node-version or volta',
  };
}

function firstLine(text: string): string {
  return (
    text.split(/\r?\n/).find((line) => line.trim() !== '' && !line.trim().startsWith('#')) ?? ''
  ).trim();
}

/**
 * `22`, `v22.11.0`, `22.11`, `lts/jod`. `lts/*` and `node` mean "the newest", which we cannot know
 * offline, so they fall through to the default. Anything else unreadable is an error naming the file.
 */
function majorOfPin(pin: string, file: string): number | undefined {
  const trimmed = pin.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'lts/*' || trimmed === 'node' || trimmed === 'stable')
    return undefined;
  const lts = /^lts\/(\w+)$/.exec(trimmed)?.[1];
  if (lts) {
    const major = LTS_CODENAMES[lts];
    if (major !== undefined) return major;
    throw new NestshipError(`unknown Node.js LTS name "${pin}"`, {
      file,
      hint: 'write a version such as 22',
    });
  }
  const coerced = semver.coerce(trimmed);
  if (!coerced) {
    throw new NestshipError(`cannot read a Node.js version from "${pin}"`, {
      file,
      hint: 'write a version such as 22 or v22.11.0',
    });
  }
  return coerced.major;
}

function majorInRange(range: string, file: string): number {
  if (semver.validRange(range) === null) {
    throw new NestshipError(`engines.node "${range}" is not a valid semver range`, {
      file,
      hint: 'write a range such as ">=22" or "^22.11.0"',
    });
  }
  // A major "fits" when some release of it satisfies the range: test the lowest and highest versions.
  const fits = (major: number) =>
    semver.intersects(range, `>=${major}.0.0 <${major + 1}.0.0-0`, { includePrerelease: false });
  const preferred = PREFERRED_MAJORS.find(fits);
  if (preferred !== undefined) return preferred;
  const minimum = semver.minVersion(range);
  if (minimum) return minimum.major;
  throw new NestshipError(`engines.node "${range}" matches no Node.js release`, { file });
}
