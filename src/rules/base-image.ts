/**
 * What a base image brings: Alpine (musl, busybox wget, no curl), Debian slim (no curl, wget or
 * openssl), the full Debian image (curl, wget, openssl), distroless (no shell at all).
 */
import type { Model, Stage, Step } from '../dockerfile/model.js';
import { programOf } from '../dockerfile/shell.js';
import { effectiveSteps, rootImage } from '../dockerfile/stages.js';

export type Family = 'alpine' | 'slim' | 'full' | 'distroless';

/** The family of an image reference; undefined when the name says nothing (a custom image). */
export function familyOf(image: string): Family | undefined {
  const ref = image.toLowerCase();
  if (ref.includes('distroless')) return 'distroless';
  if (ref.includes('alpine')) return 'alpine';
  if (ref.includes('slim')) return 'slim';
  if (/^(docker\.io\/)?(library\/)?node(:(\d+(\.\d+)*|lts|current|latest)(-(bookworm|bullseye|trixie|buster))?)?$/.test(ref)) {
    return 'full';
  }
  return undefined;
}

/** The family of the image a stage rests on. */
export function stageFamily(model: Model, stage: Stage): Family | undefined {
  return familyOf(rootImage(model, stage));
}

/** Whether some RUN in the stage's FROM chain installs an OS package matching `name`. */
export function installsOsPackage(model: Model, stage: Stage, name: RegExp): Step | undefined {
  return effectiveSteps(model, stage).find(
    (step) =>
      step.keyword === 'RUN' &&
      step.commands.some((c) => {
        const program = programOf(c);
        const words = c.words.map((w) => w.value);
        const installer =
          (program === 'apk' && words[1] === 'add') ||
          ((program === 'apt-get' || program === 'apt') && words.includes('install')) ||
          ((program === 'microdnf' || program === 'dnf' || program === 'yum') && words.includes('install'));
        return installer && words.slice(2).some((w) => name.test(w));
      }),
  );
}
