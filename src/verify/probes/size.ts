/**
 * NS321: the size of the image and of the layers above the base, with the largest packages named.
 * A figure to watch rather than a rule: it passes, and says where the bytes are.
 */
import type { RuleMeta } from '../../findings.js';
import { installedPackages, topLevelSizes } from '../packages.js';
import { bytes, pass, type Probe } from '../probe.js';

export const SIZE: RuleMeta = {
  id: 'NS321',
  name: 'image-size',
  severity: 'info',
  summary: 'The image size, the bytes above the base image, and the largest packages.',
  why: 'Every byte above the base is pushed on a dependency change and pulled by every node that runs the service.',
  fix: 'Keep dev dependencies, the Prisma CLI and package-manager caches out of the runtime stage.',
};

export const sizeProbe: Probe = {
  rules: [SIZE],
  judge(context) {
    const above = context.scan.layers.filter((l) => !l.base).reduce((sum, l) => sum + l.size, 0);
    const total = context.scan.layers.reduce((sum, l) => sum + l.size, 0);
    const installed = installedPackages(context.files.values(), context.info.workingDir);
    const modules = [...installed.values()].reduce((sum, p) => sum + p.bytes, 0);
    const largest = [...topLevelSizes(installed.values())].sort((a, b) => b[1] - a[1]).slice(0, 5);
    const named = largest.map(([name, size]) => `${name} ${bytes(size)}`).join(', ');
    return pass(
      SIZE,
      `the image is ${bytes(total)}, ${bytes(above)} above the base; node_modules ${bytes(modules)}` +
        (named ? ` (largest: ${named})` : ''),
      { imageBytes: total, appLayerBytes: above, nodeModulesBytes: modules, largestPackages: named },
    );
  },
};
