/**
 * The detection entry points init relies on, looked up on src/detect's module at run time.
 * Detection is a separate module with its own owner; this keeps init building while its API lands.
 */
import * as detectModule from '../detect/index.js';
import type { Profile } from '../detect/profile.js';
import { NestshipError } from '../errors.js';

export interface DetectOptions {
  project?: string;
  base?: string;
}

interface DetectApi {
  detectProfile(root: string, options?: DetectOptions): Promise<Profile>;
  describeProfile?(profile: Profile): string | string[];
}

export async function detect(root: string, options: DetectOptions): Promise<Profile> {
  const api = detectModule as unknown as Partial<DetectApi>;
  if (typeof api.detectProfile !== 'function') {
    throw new NestshipError('project detection is not available in this build');
  }
  return api.detectProfile(root, options);
}

/** What was detected and from which file, one line per fact. */
export function describe(profile: Profile): string[] {
  const api = detectModule as unknown as Partial<DetectApi>;
  if (typeof api.describeProfile === 'function') {
    const text = api.describeProfile(profile);
    return Array.isArray(text) ? text : text.split('\n').filter(Boolean);
  }
  return fallbackDescription(profile);
}

function fallbackDescription(profile: Profile): string[] {
  const line = (label: string, value: unknown, source: string) => `${label.padEnd(16)}${String(value)}  (${source})`;
  const lines = [
    line('package manager', profile.packageManager.name.value, profile.packageManager.name.source),
    line('node', profile.node.value, profile.node.source),
    line('entry', profile.nest.entryPath.value, profile.nest.entryPath.source),
    line('modules', profile.nest.moduleSystem.value, profile.nest.moduleSystem.source),
    line('base image', profile.base.image.value, profile.base.image.source),
    line('port', profile.port.value, profile.port.source),
  ];
  if (profile.prisma) lines.push(line('prisma', profile.prisma.major.value, profile.prisma.major.source));
  if (profile.health) lines.push(line('health route', profile.health.value, profile.health.source));
  return lines;
}
