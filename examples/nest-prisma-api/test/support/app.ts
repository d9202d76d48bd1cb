import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { PrismaService } from '../../src/database/prisma.service.js';

/** The app as main.ts builds it, from the test environment plus overrides, not yet listening. */
export async function createApp(
  overrides: Partial<AppConfig> = {},
): Promise<INestApplication> {
  const config = { ...loadConfig(process.env), ...overrides };
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: false,
    abortOnError: false,
  });
  configureApp(app);
  return app;
}

/** Empties the accounts table, so that each test sees only its own rows. */
export async function emptyAccounts(app: INestApplication): Promise<void> {
  await app.get(PrismaService).$executeRaw`TRUNCATE TABLE accounts`;
}
