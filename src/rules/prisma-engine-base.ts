import { installsOsPackage, stageFamily, type Family } from './base-image.js';
import { lineOf } from './project.js';
import type { Rule } from './rule.js';
import { atDockerfile, atFile } from './rule.js';
import type { Finding } from '../findings.js';
import type { RuleContext } from './context.js';

/** binaryTargets that run on each family. */
const TARGET_FOR: Record<Family, RegExp> = {
  alpine: /^linux-musl/,
  slim: /^debian-openssl-3/,
  full: /^debian-openssl-3/,
  distroless: /^debian-openssl-3/,
};

/** NS121: Prisma 5/6's native engine must match the runtime's libc and OpenSSL. */
export const prismaEngineBase: Rule = {
  meta: {
    id: 'NS121',
    name: 'prisma-engine-base',
    severity: 'error',
    summary: 'Prisma\'s query engine matches the runtime base (binaryTargets, OpenSSL).',
    why: 'Prisma 5 and 6 with `prisma-client-js` load a native query engine built for one libc and OpenSSL version. Alpine uses musl and slim images ship no OpenSSL, so the client fails at the first query with "Unable to require libquery_engine" or "libssl not found" unless OpenSSL is installed and binaryTargets name the runtime platform.',
    fix: 'Install OpenSSL in the base stage (`apk add --no-cache openssl` or `apt-get install -y openssl`) and set `binaryTargets = ["native", "linux-musl-openssl-3.0.x"]` (Alpine) or `"debian-openssl-3.0.x"` (Debian).',
  },
  check(ctx) {
    const prisma = ctx.profile?.prisma;
    const final = ctx.finalStage;
    // Prisma 7 and the `prisma-client` generator use a wasm query compiler: nothing native to match.
    if (!prisma || !final || prisma.major.value >= 7 || prisma.generator.value !== 'prisma-client-js') return [];
    const family = stageFamily(ctx.model, final);
    if (!family) return [];
    const findings: Finding[] = [];
    if ((family === 'alpine' || family === 'slim') && !installsOsPackage(ctx.model, final, /^(openssl|libssl)/)) {
      findings.push(atDockerfile(ctx, this.meta, final.from.keywordSpan, `Prisma ${prisma.major.value}'s query engine needs OpenSSL, which this ${family} runtime does not install.`));
    }
    const targets = prisma.binaryTargets.value;
    if (targets.length > 0 && !targets.includes('native') && !targets.some((t) => TARGET_FOR[family].test(t))) {
      findings.push(targetsFinding(ctx, prisma.binaryTargets.source, family, targets));
    }
    return findings;
  },
};

function targetsFinding(ctx: RuleContext, schema: string, family: Family, targets: string[]): Finding {
  const where = lineOf(ctx.readFile(schema), /binaryTargets/) ?? {};
  return atFile(prismaEngineBase.meta, schema, `binaryTargets (${targets.join(', ')}) has no engine for the ${family} runtime.`, where);
}
