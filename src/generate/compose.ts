/**
 * `compose.yaml`: the service as it runs in production, its database when Prisma uses PostgreSQL or
 * MySQL, and a one-shot migrate service between the two, so migrations run once, after the
 * database is healthy and before the app starts. A `dev` profile runs Dockerfile.local with the
 * source bind-mounted.
 */
import { composeDatabase, composeDatabaseUrl } from './prisma.js';
import { MIGRATE_TARGET, RUNTIME_TARGET, WORKDIR } from './defaults.js';
import { DEV_TARGET, DOCKERFILE_LOCAL_PATH } from './dockerfile-local.js';
import type { GenerateInput } from './input.js';
import { commented, renderYaml, type YamlMap } from './yaml.js';

export const COMPOSE_PATH = 'compose.yaml';

/** Database images pinned to a major release; local development credentials only. */
const DATABASES = {
  postgresql: {
    image: 'postgres:17',
    environment: { POSTGRES_USER: 'app', POSTGRES_PASSWORD: 'app', POSTGRES_DB: 'app' },
    test: ['CMD-SHELL', 'pg_isready -U app -d app'],
    data: '/var/lib/postgresql/data',
  },
  mysql: {
    image: 'mysql:8.4',
    environment: { MYSQL_USER: 'app', MYSQL_PASSWORD: 'app', MYSQL_DATABASE: 'app', MYSQL_ROOT_PASSWORD: 'root' },
    test: ['CMD-SHELL', 'mysqladmin ping -h 127.0.0.1 -u app -papp --silent'],
    data: '/var/lib/mysql',
  },
} as const;

export function compose(input: GenerateInput): string {
  const { profile } = input;
  const port = String(profile.port.value);
  const database = composeDatabase(profile.prisma);
  const environment: YamlMap = { PORT: port };
  if (database) environment.DATABASE_URL = composeDatabaseUrl(database);
  else if (profile.prisma) environment.DATABASE_URL = '${DATABASE_URL:?set DATABASE_URL for Prisma}';

  const services: YamlMap = {};
  services.app = {
    build: { context: '.', target: RUNTIME_TARGET },
    environment,
    ports: [`${port}:${port}`],
    ...(profile.prisma
      ? { depends_on: { migrate: { condition: 'service_completed_successfully' } } }
      : {}),
    restart: 'unless-stopped',
  };
  if (profile.prisma) {
    services.migrate = commented(
      'One-shot: applies pending migrations with the pinned Prisma CLI, then exits.',
      {
        build: { context: '.', target: MIGRATE_TARGET },
        environment: { DATABASE_URL: environment.DATABASE_URL! },
        ...(database ? { depends_on: { db: { condition: 'service_healthy' } } } : {}),
        restart: 'no',
      },
    );
  }
  if (database) {
    const db = DATABASES[database];
    services.db = {
      image: db.image,
      environment: { ...db.environment },
      healthcheck: { test: [...db.test], interval: '5s', timeout: '3s', retries: 20 },
      volumes: [`db-data:${db.data}`],
    };
  }
  services['app-dev'] = commented(
    'Development: `docker compose --profile dev up app-dev` rebuilds and restarts on every save.',
    {
      profiles: ['dev'],
      build: { context: '.', dockerfile: DOCKERFILE_LOCAL_PATH, target: DEV_TARGET },
      environment,
      ports: [`${port}:${port}`],
      volumes: ['.:' + WORKDIR, `${WORKDIR}/node_modules`],
      ...(database ? { depends_on: { db: { condition: 'service_healthy' } } } : {}),
    },
  );
  const document: YamlMap = { services };
  if (database) document.volumes = { 'db-data': {} };
  return renderYaml(
    document,
    `${profile.name.value}: written by nestship init. \`docker compose up\` builds the image, starts\n` +
      'the stack and runs migrations once before the app.',
  );
}
