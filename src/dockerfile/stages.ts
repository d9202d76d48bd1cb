/**
 * Questions about how stages relate: which steps an image really contains (its FROM chain), which
 * stages feed the final image through `COPY --from`, and where `node_modules` comes from.
 */
import { installOf, isProductionPrune, type InstallCommand } from './commands.js';
import type { Model, Stage, Step } from './model.js';

/** The stage and its parents through `FROM <stage>`, the stage itself first. */
export function ancestry(model: Model, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<number>();
  for (let s: Stage | undefined = stage; s && !seen.has(s.index); ) {
    seen.add(s.index);
    chain.push(s);
    s = s.parent === undefined ? undefined : model.stages[s.parent];
  }
  return chain;
}

/** Every step an image built from `stage` contains, oldest first (parents' steps included). */
export function effectiveSteps(model: Model, stage: Stage): Step[] {
  return ancestry(model, stage)
    .reverse()
    .flatMap((s) => s.steps);
}

/** The image the stage finally rests on (through parent stages), for example `node:22-slim`. */
export function rootImage(model: Model, stage: Stage): string {
  const chain = ancestry(model, stage);
  return chain[chain.length - 1]!.image;
}

export interface InstallStep {
  step: Step;
  install: InstallCommand;
  /** A later command in the same RUN prunes devDependencies. */
  prunedAfter: boolean;
}

/** The package-manager installs of a list of steps. */
export function installsIn(steps: readonly Step[]): InstallStep[] {
  const out: InstallStep[] = [];
  for (const step of steps) {
    if (step.keyword !== 'RUN') continue;
    step.commands.forEach((command, i) => {
      const install = installOf(command, step.scope);
      if (!install || install.global || install.addsPackages) return;
      const prunedAfter = step.commands.slice(i + 1).some(isProductionPrune);
      out.push({ step, install, prunedAfter });
    });
  }
  return out;
}

/**
 * Whether a COPY source path brings the installed dependencies: `node_modules` itself or a whole app
 * folder. A path inside node_modules (`node_modules/.prisma`) is one generated folder, not them.
 */
export function bringsNodeModules(source: string, sourceWorkdir: string): boolean {
  const clean = source.replace(/\/+$/, '');
  if (/(^|\/)node_modules$/.test(clean)) return true;
  return isWholeFolder(clean, sourceWorkdir);
}

/** `.`, `/`, `./` or the source stage's WORKDIR itself: everything. */
export function isWholeFolder(source: string, sourceWorkdir: string): boolean {
  const clean = source.replace(/\/+$/, '') || '/';
  return clean === '.' || clean === '/' || clean === '*' || clean === sourceWorkdir.replace(/\/+$/, '');
}

/**
 * The stages whose files reach `stage`: its FROM chain and, transitively, the stages it copies
 * from. Ordered by index.
 */
export function feedingStages(model: Model, stage: Stage): Stage[] {
  const seen = new Set<number>();
  const visit = (s: Stage): void => {
    for (const a of ancestry(model, s)) {
      if (seen.has(a.index)) continue;
      seen.add(a.index);
      for (const step of a.steps) {
        const from = step.copy?.fromStage;
        if (from !== undefined && model.stages[from]) visit(model.stages[from]);
      }
    }
  };
  visit(stage);
  return [...seen].sort((a, b) => a - b).map((i) => model.stages[i]!);
}

/** Where the `node_modules` of a stage come from. */
export interface NodeModulesOrigin {
  /** The COPY that brings them, or undefined when installed in the stage's own FROM chain. */
  via: Step | undefined;
  /** The installs that produced them. */
  installs: InstallStep[];
  /** A later step prunes devDependencies from them (`npm prune --omit=dev`). */
  pruned: boolean;
}

/** Per-model memo: the trace is asked by several rules and branches through COPY --from. */
const originsMemo = new WeakMap<Model, Map<number, NodeModulesOrigin[]>>();

/** Trace `node_modules` of a stage back to the installs that made them (through COPY --from). */
export function nodeModulesOrigins(model: Model, stage: Stage): NodeModulesOrigin[] {
  let memo = originsMemo.get(model);
  if (!memo) originsMemo.set(model, (memo = new Map()));
  const known = memo.get(stage.index);
  if (known) return known;
  // Placeholder first: `--from` only names earlier stages, but a malformed file must not loop.
  memo.set(stage.index, []);
  const steps = effectiveSteps(model, stage);
  const own = installsIn(steps);
  const pruned = steps.some((s) => s.commands.some(isProductionPrune));
  const origins: NodeModulesOrigin[] = own.length > 0 ? [{ via: undefined, installs: own, pruned }] : [];
  for (const step of steps) {
    const copy = step.copy;
    if (copy?.fromStage === undefined) continue;
    const source = model.stages[copy.fromStage];
    if (!source || !copy.sources.some((src) => bringsNodeModules(src, source.endWorkdir))) continue;
    const inner = nodeModulesOrigins(model, source);
    origins.push({
      via: step,
      installs: inner.flatMap((o) => o.installs),
      pruned: inner.length > 0 && inner.every((o) => o.pruned),
    });
  }
  memo.set(stage.index, origins);
  return origins;
}
