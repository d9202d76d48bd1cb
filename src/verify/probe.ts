/**
 * The shape every verify probe shares. A probe is a judge: the engine work (building, saving,
 * running) happens once before the probes run, and each probe turns the facts it cares about into
 * findings or passes with the figures it measured. Probes are small, one concern each, and each
 * carries the RuleMeta of the ids it can report, like the linter's rules.
 */
import type { Finding, Location, Pass, RuleMeta } from '../findings.js';
import type { CacheObservation } from './cache-experiment.js';
import type { Instruction } from './dockerfile.js';
import type { ImageInfo } from './engine.js';
import type { FinalFile, ImageScan } from './layers.js';
import type { ReadOnlyObservation, RunObservation } from './observe.js';
import type { VerifyProject } from './project.js';
import type { PrismaObservation } from './prisma-load.js';

export interface ProbeContext {
  project: VerifyProject;
  /** The image being verified. */
  image: string;
  info: ImageInfo;
  /** Every layer above the base image, file by file. */
  scan: ImageScan;
  /** The final filesystem of the layers above the base. */
  files: Map<string, FinalFile>;
  /** `--target`, when one was built. */
  target?: string;
  /** Where a finding about this instruction points: the Dockerfile line, or the image. */
  at(keyword?: string): Location;
  /** The Dockerfile line of an instruction that matches (later stages first), else `at()`. */
  where(match: (instruction: Instruction, stage: string) => boolean): Location;
  /** What running the container showed; absent when it was not run. */
  run?: RunObservation;
  readOnly?: ReadOnlyObservation;
  prisma?: PrismaObservation;
  /** The cache experiment; absent with --image or when it was switched off. */
  cache?: CacheObservation;
}

export interface ProbeResult {
  findings: Finding[];
  passes: Pass[];
}

export interface Probe {
  rules: RuleMeta[];
  judge(context: ProbeContext): ProbeResult;
}

type Figures = Record<string, number | string | boolean>;

/** A finding with the rule's id and severity. */
export function fail(rule: RuleMeta, message: string, location: Location, figures?: Figures): ProbeResult {
  return {
    findings: [{ id: rule.id, severity: rule.severity, message, location, ...(figures ? { figures } : {}) }],
    passes: [],
  };
}

export function pass(rule: RuleMeta, message: string, figures?: Figures): ProbeResult {
  return { findings: [], passes: [{ id: rule.id, message, ...(figures ? { figures } : {}) }] };
}

export function merge(...results: ProbeResult[]): ProbeResult {
  return {
    findings: results.flatMap((r) => r.findings),
    passes: results.flatMap((r) => r.passes),
  };
}

export const NOTHING: ProbeResult = { findings: [], passes: [] };

/** `52.3 MB` style sizes for messages (figures keep the exact bytes). */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** The project-relative path of an image path under the working directory, for messages. */
export function inImage(context: ProbeContext, path: string): string {
  const dir = context.info.workingDir.replace(/\/+$/, '');
  return dir && path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : path;
}
