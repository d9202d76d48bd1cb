/**
 * The user's choices: flags given now win over those saved in `.nestship.json`, and the result is
 * saved again, so a later `nestship init` without flags reproduces the same files.
 */
import type { Profile } from '../detect/profile.js';
import { NestshipError } from '../errors.js';
import { STATE_PATH, type SavedOptions } from './state.js';

export function mergeOptions(saved: SavedOptions, given: SavedOptions): SavedOptions {
  const merged: SavedOptions = { ...saved };
  for (const [key, value] of Object.entries(given) as [keyof SavedOptions, unknown][]) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  if (merged.port !== undefined && !(Number.isInteger(merged.port) && merged.port > 0 && merged.port < 65536)) {
    throw new NestshipError(`port ${String(merged.port)} is not a TCP port`, {
      file: STATE_PATH,
      hint: 'pass --port with a number from 1 to 65535',
    });
  }
  return merged;
}

/** Where an option came from, for the printout: given now, or saved earlier. */
function sourceOf(key: keyof SavedOptions, given: SavedOptions): string {
  return given[key] !== undefined ? `--${key}` : STATE_PATH;
}

/** Applies the choices that override detection: the base image and the port. */
export function applyOptions(profile: Profile, options: SavedOptions, given: SavedOptions): Profile {
  const next: Profile = { ...profile };
  if (options.port !== undefined) {
    next.port = { value: options.port, source: sourceOf('port', given) };
  }
  if (options.base !== undefined) {
    const source = sourceOf('base', given);
    const node = profile.node.value;
    const image =
      options.base === 'alpine' ? `node:${node}-alpine` : options.base === 'slim' ? `node:${node}-slim` : options.base;
    const family = options.base === 'alpine' || /alpine/.test(image) ? 'alpine' : 'slim';
    next.base = { family: { value: family, source }, image: { value: image, source } };
  }
  return next;
}
