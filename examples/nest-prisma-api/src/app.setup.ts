import { INestApplication, ValidationPipe } from '@nestjs/common';
import { HttpDrain } from './shutdown/http-drain.service.js';

/** What main.ts and the e2e tests both apply, so the tests exercise the app as it ships. */
export function configureApp(app: INestApplication): INestApplication {
  // Known gap: Nest installs its body parser when the app is created, before this, so a request
  // whose JSON does not parse is answered (400) without passing here and is left out of the tally.
  app.use(app.get(HttpDrain).middleware);
  app.useGlobalPipes(
    new ValidationPipe({
      // Unknown fields are an error rather than silently dropped: a typo should be loud.
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
    }),
  );
  // Nest closes the server and runs the shutdown hooks on SIGTERM (docker stop, Kubernetes) and
  // SIGINT (Ctrl-C). process.exit afterwards, because node is PID 1 in the container and a
  // re-raised SIGTERM without a handler is ignored there.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}
