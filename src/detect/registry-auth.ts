/**
 * A project `.npmrc` (or yarn berry's `.yarnrc.yml`) that authenticates to a registry. Its presence
 * means the install needs a credential, which the build must receive as a BuildKit secret.
 */
import { readTextIfExists } from './files.js';
import type { Fact } from './profile.js';

export async function detectRegistryAuth(root: string): Promise<Fact<string> | undefined> {
  const npmrc = await readTextIfExists(root, '.npmrc');
  if (npmrc !== undefined) {
    const kind = npmrcAuth(npmrc);
    if (kind) return { value: '.npmrc', source: '.npmrc', detail: kind };
  }
  const yarnrc = await readTextIfExists(root, '.yarnrc.yml');
  if (yarnrc !== undefined && /^\s*npmAuth(Token|Ident)\s*:/m.test(yarnrc)) {
    return { value: '.yarnrc.yml', source: '.yarnrc.yml', detail: 'npmAuthToken' };
  }
  return undefined;
}

/** Which kind of credential an .npmrc carries, ignoring commented lines. */
function npmrcAuth(text: string): string | undefined {
  const lines = text.split(/\r?\n/).filter((line) => !/^\s*[#;]/.test(line));
  for (const line of lines) {
    const key = /(?:^|:)(_authToken|_auth|_password|username)\s*=/.exec(line)?.[1];
    if (key) {
      return /\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(line)
        ? `${key} from an environment variable`
        : key;
    }
  }
  return lines.some((line) => /\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(line))
    ? 'environment variable reference'
    : undefined;
}
