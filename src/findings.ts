/**
 * Findings are data. Rules and verify probes return these; only `src/report/` turns them into words,
 * colour, JSON, SARIF or annotations.
 *
 * Id ranges:
 *   NS0xx  the Dockerfile or a config file could not be read or parsed
 *   NS1xx  Dockerfile instructions
 *   NS2xx  project files (.dockerignore, package.json, nest-cli.json, tsconfig, prisma, source)
 *   NS3xx  the built image (verify)
 */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface Location {
  /** Path relative to the project directory, with forward slashes. */
  file: string;
  /** 1-based line and column; absent for findings about a whole file or an image. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** For JSON files: where in the document, for example `scripts.start`. */
  jsonPath?: string;
}

export interface Finding {
  /** Stable rule id, for example `NS104`. */
  id: string;
  severity: Severity;
  /** One sentence, already specific to this occurrence. */
  message: string;
  location: Location;
  /** Measured values behind the finding (verify), for example `{ stopSeconds: 10.1 }`. */
  figures?: Record<string, number | string | boolean>;
  /** A safe, mechanical fix (`check --fix`): edits to the file named in `location`. */
  fix?: TextEdit[];
}

/** Replace the text between two 1-based positions (end exclusive) with `text`. */
export interface TextEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

/** The metadata every rule or probe carries; docs pages and SARIF `rules[]` are built from it. */
export interface RuleMeta {
  id: string;
  /** kebab-case name, for example `runtime-copy-order`. */
  name: string;
  severity: Severity;
  /** One line: what the rule wants. */
  summary: string;
  /** Why it matters, a short paragraph. */
  why: string;
  /** What to do about it. */
  fix: string;
}

/** A check that passed, with what it measured (verify reports these too). */
export interface Pass {
  id: string;
  message: string;
  figures?: Record<string, number | string | boolean>;
}

/** What `check` and `verify` hand to a reporter. */
export interface Report {
  tool: 'check' | 'verify';
  /** The project directory the paths are relative to. */
  root: string;
  findings: Finding[];
  passes: Pass[];
  /** The metadata of every rule that ran, for SARIF and the docs. */
  rules: RuleMeta[];
  /** Headline figures (verify): sizes, times, cache results. */
  figures?: Record<string, number | string | boolean>;
}
