import { installsIn } from '../dockerfile/stages.js';
import type { Rule } from './rule.js';
import { atDockerfile } from './rule.js';

/** NS134: a private registry's credentials reach the install as a BuildKit secret. */
export const registryAuthSecret: Rule = {
  meta: {
    id: 'NS134',
    name: 'registry-auth-secret',
    severity: 'error',
    summary: 'Installs from a private registry mount the .npmrc as a BuildKit secret.',
    why: 'The project\'s .npmrc needs a token to reach its private registry. An install without that file fails with 401 or 404; passing the token as ARG or ENV, or copying the .npmrc, leaves it in the image. A secret mount exists only while that one RUN executes.',
    fix: 'Mount it for the install: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` and build with `--secret id=npmrc,src=.npmrc`.',
  },
  check(ctx) {
    const auth = ctx.profile?.registryAuth;
    if (!auth) return [];
    return installsIn(ctx.model.steps)
      .filter(({ step }) => !step.flags.some((f) => f.name === 'mount' && /(^|,)type=secret(,|$)/.test(f.value ?? '')))
      .map(({ step, install }) => {
        const word = install.command.words[0]!;
        return atDockerfile(ctx, this.meta, ctx.spanAt(word.start, install.verb.end), `This install needs the registry credentials in ${auth.source} but mounts no secret.`);
      });
  },
};
