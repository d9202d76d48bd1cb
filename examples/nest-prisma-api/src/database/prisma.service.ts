import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PrismaClient } from '../generated/prisma/client.js';

export const DATABASE_APPLICATION_NAME = 'nest-prisma-api';

/**
 * The Prisma client over a pg pool that this service owns. Prisma 7 talks to PostgreSQL through
 * the driver adapter, so the pool is plain `pg` and its limits and timeouts are ours to set.
 */
@Injectable()
export class PrismaService
  extends PrismaClient
  implements OnApplicationShutdown
{
  private readonly pool: pg.Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.databasePoolSize,
      // A request waiting for a connection fails after this instead of hanging, so readiness
      // answers 503 promptly when the database is gone.
      connectionTimeoutMillis: config.databaseConnectTimeoutMs,
      // Names our sessions in pg_stat_activity, for operators and for the shutdown test.
      application_name: DATABASE_APPLICATION_NAME,
    });
    // An idle client that loses its server emits 'error' on the pool; without a listener that
    // would crash the process. The next query reconnects.
    pool.on('error', () => undefined);
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
  }

  // Shutdown hook, not a destroy hook: Nest closes the HTTP server between the two, and the
  // requests still in flight while it drains need the pool.
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}
