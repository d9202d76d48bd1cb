import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    globals: true,
    root: './',
    include: ['test/**/*.e2e-spec.ts'],
    // Applies the committed migrations to the (empty) database that DATABASE_URL names.
    globalSetup: ['./test/support/migrate.ts'],
    // The suites share one database and empty its table between tests.
    fileParallelism: false,
    // argon2 and a real database: allow more than the 5 s default on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
