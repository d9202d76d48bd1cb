/**
 * The nestship library API. The CLI in `src/cli/` is a thin shell over these functions; everything it
 * does, a program can do by importing this package.
 */
export { NestshipError } from './errors.js';
export type * from './findings.js';
export type * from './detect/profile.js';
export * from './detect/index.js';
export * from './init/index.js';
export * from './check/index.js';
export * from './verify/index.js';
