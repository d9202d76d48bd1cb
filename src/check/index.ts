/**
 * `nestship check` as a library: lint a project's Dockerfile, `.dockerignore` and project files, with
 * the same configuration, pragmas, thresholds and fixes as the CLI, and format the report the way
 * the CLI does.
 */
export { check, reachesThreshold, type CheckOptions, type CheckResult } from './check.js';
export {
  DEFAULT_THRESHOLD,
  THRESHOLDS,
  loadConfig as loadCheckConfig,
  type CheckConfig,
  type LoadedConfig as LoadedCheckConfig,
  type Threshold,
} from './config.js';
export type { FileFix } from './fix.js';
export { parsePragmas, type Pragma, type PragmaScope } from './pragmas.js';
export { CHECK_RULES } from './own-rules.js';
export {
  FORMATS,
  formatReport,
  shouldColor,
  toJsonReport,
  toSarif,
  type Format,
  type FormatOptions,
  type JsonReport,
} from '../report/index.js';
