/**
 * What the templates read besides the Profile: a view of the project's files, so templates stay
 * pure functions that tests can feed from memory.
 */
import type { Profile } from '../detect/profile.js';

export interface ProjectFiles {
  exists(path: string): boolean;
  /** The file's text, or undefined when it does not exist. */
  read(path: string): string | undefined;
}

/** The choices a user makes on the command line; `init` keeps them in `.nestship.json`. */
export interface GenerateOptions {
  /** `--ci github`: a GitHub Actions workflow with a registry-backed build cache. */
  ci?: 'github';
  /** `--k8s`: Kubernetes manifests. */
  k8s?: boolean;
}

export interface GenerateInput {
  profile: Profile;
  files: ProjectFiles;
  options: GenerateOptions;
}

/** One file nestship writes, with its path relative to the project root and its full text. */
export interface GeneratedFile {
  path: string;
  content: string;
  /**
   * `owned`: nestship writes the whole file. `merged`: nestship edits part of a user's file
   * (package.json). `once`: written only when missing (tsconfig.build.json).
   */
  mode: 'owned' | 'merged' | 'once';
}
