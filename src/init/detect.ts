/**
 * Detection as init uses it: the Profile, and the printout of what was detected and from which file.
 */
import { describeProfile, detectProfile, type DetectOptions } from '../detect/index.js';
import type { Profile } from '../detect/profile.js';

export function detect(root: string, options: DetectOptions): Promise<Profile> {
  return detectProfile(root, options);
}

/** One line per fact: label, value, and the file it came from. */
export function describe(profile: Profile): string[] {
  const lines = describeProfile(profile);
  const width = Math.max(...lines.map((line) => line.label.length)) + 2;
  return lines.map((line) => `${line.label.padEnd(width)}${line.value}  ${`(${line.source})`}`);
}
