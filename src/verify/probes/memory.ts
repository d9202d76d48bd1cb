/**
 * NS320: memory after start, against the heap limit the image sets (`--max-old-space-size`, the
 * guide's RUNTIME_NODE_MEMORY). A service that already uses most of its limit at idle is OOM-killed
 * under load.
 */
import type { RuleMeta } from '../../findings.js';
import { bytes, fail, NOTHING, pass, type Probe } from '../probe.js';

export const MEMORY: RuleMeta = {
  id: 'NS320',
  name: 'memory-near-heap-limit',
  severity: 'warning',
  summary: 'Memory after start should stay well under the configured heap limit.',
  why:
    'V8 needs headroom above the idle heap for request bursts; when the idle process is already near ' +
    '--max-old-space-size, the first busy minute ends in an out-of-memory crash.',
  fix: 'Raise RUNTIME_NODE_MEMORY (and the container memory limit with it), or find what the app loads at start.',
};

const MIB = 1024 * 1024;

export const memoryProbe: Probe = {
  rules: [MEMORY],
  judge(context) {
    const used = context.run?.memoryBytes;
    if (used === undefined) return NOTHING;
    const limitMiB = Number(/--max-old-space-size=(\d+)/.exec(context.info.env.NODE_OPTIONS ?? '')?.[1]);
    const figures: Record<string, number> = { memoryBytes: used, memoryMiB: Math.round((used / MIB) * 10) / 10 };
    if (!Number.isFinite(limitMiB)) {
      return pass(MEMORY, `memory after start is ${bytes(used)}; the image sets no heap limit`, figures);
    }
    figures.heapLimitMiB = limitMiB;
    const share = used / (limitMiB * MIB);
    figures.shareOfLimit = Math.round(share * 100) / 100;
    return share < 0.8
      ? pass(MEMORY, `memory after start is ${bytes(used)}, ${Math.round(share * 100)}% of the ${limitMiB} MiB heap limit`, figures)
      : fail(MEMORY, `memory after start is ${bytes(used)}, ${Math.round(share * 100)}% of the ${limitMiB} MiB heap limit`, context.at(), figures);
  },
};
