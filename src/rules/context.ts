/**
 * What every rule gets: the parsed Dockerfile, the `.dockerignore`, the project's Profile (when
 * detection worked) and a reader for project files. Built once per lint by `buildRuleContext`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Profile } from '../detect/profile.js';
import { parseDockerignore, type IgnorePattern } from '../dockerfile/ignore.js';
import type { Model, Span, Stage } from '../dockerfile/model.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import { LineIndex } from '../dockerfile/positions.js';

export interface Dockerignore {
  /** Project-relative path, `.dockerignore`. */
  path: string;
  lines: string[];
  patterns: IgnorePattern[];
}

export interface RuleContext {
  /** Absolute project root. */
  root: string;
  /** Project-relative Dockerfile path with forward slashes. */
  dockerfilePath: string;
  text: string;
  model: Model;
  /** Undefined when the project has no `.dockerignore`. */
  dockerignore: Dockerignore | undefined;
  /** Undefined when detection failed; rules that need it stay silent then. */
  profile: Profile | undefined;
  /** A project file's text by project-relative path, undefined when missing or unreadable. */
  readFile(relPath: string): string | undefined;
  /**
   * The stage the image ends with: the last one, as a plain `docker build` builds it. A build with
   * `--target` ships another stage; the rules do not model that (a known gap).
   */
  finalStage: Stage | undefined;
  /** The span of a region of the Dockerfile text, by offsets. */
  spanAt(start: number, end: number): Span;
}

export interface RuleContextInput {
  root: string;
  /** Project-relative, default `Dockerfile`. */
  dockerfilePath?: string;
  text: string;
  /** `.dockerignore` text; undefined when the file does not exist. */
  dockerignoreText?: string | undefined;
  profile?: Profile | undefined;
  /** Defaults to reading from disk under `root`. */
  readFile?: (relPath: string) => string | undefined;
}

export function buildRuleContext(input: RuleContextInput): RuleContext {
  const root = resolve(input.root);
  const model = parseDockerfile(input.text);
  const index = new LineIndex(input.text);
  const cache = new Map<string, string | undefined>();
  const read = input.readFile ?? ((rel: string) => readFromDisk(root, rel));
  return {
    root,
    dockerfilePath: input.dockerfilePath ?? 'Dockerfile',
    text: input.text,
    model,
    dockerignore:
      input.dockerignoreText === undefined
        ? undefined
        : {
            path: '.dockerignore',
            lines: input.dockerignoreText.split(/\r\n|\r|\n/),
            patterns: parseDockerignore(input.dockerignoreText),
          },
    profile: input.profile,
    // Several rules read package.json; read each file once per lint.
    readFile(rel) {
      if (!cache.has(rel)) cache.set(rel, read(rel));
      return cache.get(rel);
    },
    finalStage: model.stages[model.stages.length - 1],
    spanAt: (start, end) => index.span(start, end),
  };
}

function readFromDisk(root: string, rel: string): string | undefined {
  try {
    return readFileSync(resolve(root, rel), 'utf8');
  } catch {
    return undefined;
  }
}
