import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { ConfigError, loadConfig } from './config/config.js';
import {
  checkDatabase,
  DatabaseUnreachableError,
} from './database/check-database.js';

/**
 * Starts the service. `ready` runs once Nest's own signal handling is in place, so main.ts can
 * drop its start-up handler.
 */
export async function bootstrap(ready: () => void): Promise<void> {
  // 1. Settings first: nothing else is worth starting with a bad one.
  const config = loadConfig(process.env);
  // 2. The database, with a short timeout, so a wrong URL fails the deployment and not a request.
  await checkDatabase(config);
  // 3. abortOnError off: Nest would otherwise call process.abort() and dump core on a failed init.
  const app = await NestFactory.create(AppModule.forRoot(config), {
    abortOnError: false,
  });
  configureApp(app);
  ready();
  await app.listen(config.port, config.host);
  new Logger('Main').log(`listening on http://${config.host}:${config.port}`);
}

/** One line for the start-up failures an operator can fix; the stack for anything else. */
export function describeStartFailure(error: unknown): string {
  const known =
    error instanceof ConfigError ||
    error instanceof DatabaseUnreachableError ||
    (error as { code?: unknown } | null)?.code === 'EADDRINUSE';
  if (known) return (error as Error).message;
  return error instanceof Error ? String(error.stack) : String(error);
}
