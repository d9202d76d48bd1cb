// The entry point stays this small on purpose. Node runs as PID 1 in the container, and the
// kernel drops a signal to PID 1 that has no handler: a SIGTERM that arrived while Nest, Prisma and
// their modules were still loading (seconds on a small machine) would be ignored, and
// `docker stop` would wait its 10 s and kill. So a handler is installed before anything loads, and
// handed over to Nest's shutdown hooks once they are in place.
const stopDuringStart = (signal: NodeJS.Signals): void => {
  process.stderr.write(
    `nest-prisma-api: ${signal} before the service was up; exiting\n`,
  );
  process.exit(1);
};
process.once('SIGTERM', stopDuringStart);
process.once('SIGINT', stopDuringStart);

try {
  const { bootstrap } = await import('./bootstrap.js');
  await bootstrap(() => {
    process.off('SIGTERM', stopDuringStart);
    process.off('SIGINT', stopDuringStart);
  });
} catch (error) {
  const { describeStartFailure } = await import('./bootstrap.js');
  process.stderr.write(
    `nest-prisma-api: cannot start: ${describeStartFailure(error)}\n`,
  );
  process.exit(1);
}
