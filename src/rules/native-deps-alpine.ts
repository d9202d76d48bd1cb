import { stageFamily } from './base-image.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS132: native modules built for glibc have no musl prebuilds on Alpine. */
export const nativeDepsAlpine: Rule = {
  meta: {
    id: 'NS132',
    name: 'native-deps-alpine',
    severity: 'warning',
    summary: 'A project with native dependencies runs on a glibc base, not Alpine.',
    why: 'bcrypt, argon2, sharp, canvas and similar packages ship prebuilt binaries for glibc. On Alpine (musl) the install falls back to compiling from source, which needs python3, make and g++ in the image, or fails; a host-built node_modules copied in crashes with "Error loading shared library".',
    fix: 'Use `node:22-slim` (Debian, glibc) for every stage, or install the build toolchain in the install stages only.',
  },
  check(ctx) {
    const natives = ctx.profile?.native.packages.value ?? [];
    const final = ctx.finalStage;
    if (natives.length === 0 || !final || stageFamily(ctx.model, final) !== 'alpine') return [];
    return [atDockerfile(ctx, this.meta, final.from.keywordSpan, `${natives.join(', ')} ship${natives.length === 1 ? 's' : ''} native code for glibc, but the runtime is Alpine (musl).`)];
  },
};
