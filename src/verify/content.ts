/**
 * Helpers for the content probes: every file in every layer above the base, outside the installed
 * packages (whose own test fixtures and type sources are theirs, not the project's).
 */
import { posix } from 'node:path';
import type { ProbeContext } from './probe.js';
import { everyLayerFile, type FinalFile } from './layers.js';

/** Files of the project's own layers, deleted or not, outside any node_modules. */
export function* projectFiles(context: ProbeContext): Generator<FinalFile> {
  for (const file of everyLayerFile(context.scan)) {
    if (file.path.includes('/node_modules/') || file.path.endsWith('/node_modules')) continue;
    yield file;
  }
}

export function basename(path: string): string {
  return posix.basename(path);
}

/** `dist/x.spec.js (layer 12)`, for messages: at most `limit` names. */
export function listPaths(context: ProbeContext, files: FinalFile[], limit = 3): string {
  const workdir = context.info.workingDir.replace(/\/+$/, '');
  const names = files.slice(0, limit).map((f) => {
    const shown = workdir && f.path.startsWith(`${workdir}/`) ? f.path.slice(workdir.length + 1) : f.path;
    return `${shown} (layer ${f.layer})`;
  });
  return files.length > limit ? `${names.join(', ')} and ${files.length - limit} more` : names.join(', ');
}

/** Files worth keeping the bytes of while scanning: config files that may carry credentials. */
export function keepForSecrets(path: string, size: number): boolean {
  if (size > 256 * 1024 || path.includes('/node_modules/')) return false;
  const name = posix.basename(path);
  return SECRET_CONFIG.test(name) || KEY_NAME.test(name);
}

export const SECRET_CONFIG = /^(\.npmrc|npmrc|\.yarnrc|\.yarnrc\.yml)$/;
export const KEY_NAME = /(\.(pem|key|p12|pfx)|^id_(rsa|dsa|ecdsa|ed25519))$/;
