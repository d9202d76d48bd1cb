/**
 * `nestship check` as a library: lint a project's Dockerfile, `.dockerignore` and project files, with
 * the same configuration, pragmas, thresholds and fixes as the CLI.
 */
export { check, reachesThreshold, type CheckOptions, type CheckResult } from './check.js';
export {
  CONFIG_FILE,
  DEFAULT_THRESHOLD,
  THRESHOLDS,
  loadConfig,
  type CheckConfig,
  type LoadedConfig,
  type Threshold,
} from './config.js';
export { parsePragmas, type Pragma, type PragmaScope } from './pragmas.js';
export { CHECK_RULES } from './own-rules.js';
