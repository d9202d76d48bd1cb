/**
 * NS312: no .env files, .npmrc with a token, or private keys in any layer. These are the leaks
 * that end up on public registries: a `COPY . .` without a .dockerignore, or an .npmrc written and
 * deleted in two different steps.
 */
import type { RuleMeta } from '../../findings.js';
import type { FinalFile } from '../layers.js';
import { basename, KEY_NAME, listPaths, projectFiles, SECRET_CONFIG } from '../content.js';
import { fail, pass, type Probe } from '../probe.js';

export const SECRET_FILES: RuleMeta = {
  id: 'NS312',
  name: 'secret-files-shipped',
  severity: 'error',
  summary: 'No .env files, registry tokens or private keys in any layer of the image.',
  why:
    'Anyone who can pull the image can read every layer, including files a later step deleted. ' +
    'An .env or a token in a layer is a published secret.',
  fix:
    'Keep .env* and .npmrc in .dockerignore, pass registry auth as a BuildKit secret ' +
    '(`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc`), and give runtime secrets as environment variables.',
};

// `_authToken=...`, `_auth=...`, `_password=...` or yarn's `npmAuthToken: ...` with a real value
// (a `${NPM_TOKEN}` reference is resolved at run time and is not a secret in itself).
const TOKEN_LINE = /(_authToken|_auth|_password|npmAuthToken)\s*[=:]\s*["']?(?!\$\{)[^\s"']{8,}/;

function secretKind(file: FinalFile): string | undefined {
  const name = basename(file.path);
  if (/^\.env(\..+)?$/.test(name) && !/\.(example|sample|template|dist)$/.test(name)) return '.env files';
  const text = file.content?.toString('utf8');
  if (SECRET_CONFIG.test(name) && text && TOKEN_LINE.test(text)) return 'registry tokens';
  // A .pem may be a certificate: only key material counts; .p12/.pfx bundles always hold a key.
  if (/\.(p12|pfx)$/.test(name) || (KEY_NAME.test(name) && text && /PRIVATE KEY-----/.test(text))) {
    return 'private keys';
  }
  return undefined;
}

export const secretFilesProbe: Probe = {
  rules: [SECRET_FILES],
  judge(context) {
    const found = new Map<string, FinalFile[]>();
    for (const file of projectFiles(context)) {
      if (file.type !== 'file') continue;
      const kind = secretKind(file);
      if (kind) found.set(kind, [...(found.get(kind) ?? []), file]);
    }
    if (found.size === 0) return pass(SECRET_FILES, 'no .env, registry token or private key in any layer');
    const parts = [...found].map(([kind, files]) => `${kind}: ${listPaths(context, files)}`);
    const figures = Object.fromEntries([...found].map(([kind, files]) => [kind, files.length]));
    return fail(SECRET_FILES, `the image ships ${parts.join('; ')}`, context.at(), figures);
  },
};
