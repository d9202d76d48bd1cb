/**
 * The guide's Dockerfile and .dockerignore (../shared/reference/nestjs-dockerfile-guide.txt), changed
 * only where this machine requires it: node:22-slim instead of node:22-alpine (alpine cannot be
 * built here), Debian's groupadd/useradd instead of addgroup/adduser, and two build arguments
 * (DATABASE_URL, PRISMA_SCHEMA_ENGINE_BINARY) so Prisma 7's generate runs offline.
 */
export function guideDockerfile(withPrisma: boolean): string {
  const prisma = (line: string) => (withPrisma ? [line] : []);
  return [
    'FROM node:22-slim AS base',
    'WORKDIR /usr/src/app',
    'FROM base AS deps',
    'COPY package.json package-lock.json ./',
    'RUN npm ci',
    'FROM base AS builder',
    'WORKDIR /usr/src/app',
    'ARG NODE_MEMORY=512',
    'ENV NODE_OPTIONS="--max-old-space-size=${NODE_MEMORY}"',
    ...prisma('ARG DATABASE_URL'),
    ...prisma('ARG PRISMA_SCHEMA_ENGINE_BINARY'),
    'COPY --from=deps /usr/src/app/node_modules ./node_modules',
    'COPY . .',
    ...prisma('RUN npx prisma generate'),
    'RUN npm run build',
    'FROM base AS prod-deps',
    'COPY package.json package-lock.json ./',
    'RUN npm ci --omit=dev && npm cache clean --force',
    'FROM base AS runner',
    'WORKDIR /usr/src/app',
    'ARG PORT=3000',
    'ARG RUNTIME_NODE_MEMORY=384',
    'ENV NODE_ENV=production',
    'ENV PORT=${PORT}',
    'ENV NODE_OPTIONS="--enable-source-maps --max-old-space-size=${RUNTIME_NODE_MEMORY}"',
    'RUN groupadd --system appgroup && useradd --system --gid appgroup appuser',
    'COPY --from=builder --chown=appuser:appgroup /usr/src/app/dist ./dist',
    'COPY --from=prod-deps --chown=appuser:appgroup /usr/src/app/node_modules ./node_modules',
    'COPY --from=builder --chown=appuser:appgroup /usr/src/app/package.json ./package.json',
    ...prisma('COPY --from=builder --chown=appuser:appgroup /usr/src/app/prisma ./prisma'),
    'USER appuser',
    'EXPOSE ${PORT}',
    'CMD ["node", "dist/main.js"]',
    '',
  ].join('\n');
}

export const GUIDE_DOCKERIGNORE = [
  'node_modules',
  'dist',
  '.git',
  '.gitignore',
  'Dockerfile',
  'npm-debug.log',
  '.env',
  '.env.*',
  'coverage',
  '',
].join('\n');
