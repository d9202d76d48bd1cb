import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { ConfigError, loadConfig } from './config/config.js';
import {
  checkDatabase,
  DatabaseUnreachableError,
} from './database/check-database.js';

async function main(): Promise<void> {
  // 1. Settings first: nothing else is worth starting with a bad one.
  const config = loadConfig(process.env);
  // 2. The database, with a short timeout, so a wrong URL fails the deployment and not a request.
  await checkDatabase(config);
  // 3. abortOnError off: Nest would otherwise call process.abort() and dump core on a failed init.
  const app = await NestFactory.create(AppModule.forRoot(config), {
    abortOnError: false,
  });
  configureApp(app);
  await app.listen(config.port, config.host);
  new Logger('Main').log(`listening on http://${config.host}:${config.port}`);
}

main().catch((error: unknown) => {
  // Expected start-up failures get one line that says what to fix; anything else its stack.
  const known =
    error instanceof ConfigError ||
    error instanceof DatabaseUnreachableError ||
    (error as { code?: unknown })?.code === 'EADDRINUSE';
  const text = known
    ? (error as Error).message
    : error instanceof Error
      ? error.stack
      : error;
  process.stderr.write(`nest-prisma-api: cannot start: ${String(text)}\n`);
  process.exit(1);
});
