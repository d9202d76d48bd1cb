/**
 * Values that several generated files must agree on: the Dockerfile, compose.yaml and the
 * Kubernetes manifests all name the same working directory, user, heap sizes and targets.
 */

/** The guide's working directory. */
export const WORKDIR = '/usr/src/app';

/** The `node` user and group of the official Node.js images; numeric so Kubernetes can check it. */
export const APP_UID = 1000;
export const APP_GID = 1000;

/** The guide's build-time V8 heap in MB (`NODE_MEMORY`). */
export const NODE_MEMORY = 512;

/** The guide's run-time V8 heap in MB (`RUNTIME_NODE_MEMORY`). */
export const RUNTIME_NODE_MEMORY = 384;

/**
 * The container memory limit that fits a `RUNTIME_NODE_MEMORY` heap: V8's old space is about three
 * quarters of a Node process's resident memory under load; the rest is code, buffers and stacks.
 */
export function containerMemoryLimitMi(heapMb: number = RUNTIME_NODE_MEMORY): number {
  return Math.ceil((heapMb * 4) / 3 / 64) * 64;
}

/** Build targets in the generated Dockerfile. */
export const RUNTIME_TARGET = 'runner';
export const MIGRATE_TARGET = 'migrate';
