import pg from 'pg';
import { describeDatabase, type AppConfig } from '../config/config.js';

/** The database could not be reached or refused us at start-up. */
export class DatabaseUnreachableError extends Error {
  override readonly name = 'DatabaseUnreachableError';
}

/**
 * Connects once and runs `SELECT 1` within the configured timeout. Done before Nest starts, so an
 * unreachable or misconfigured database stops the process with one line rather than a stack trace.
 */
export async function checkDatabase(config: AppConfig): Promise<void> {
  const client = new pg.Client({
    connectionString: config.databaseUrl,
    connectionTimeoutMillis: config.databaseConnectTimeoutMs,
    // Bounds a server that accepts the connection but never answers.
    query_timeout: config.databaseConnectTimeoutMs,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new DatabaseUnreachableError(
      `cannot reach the database at ${describeDatabase(config.databaseUrl)} ` +
        `(timeout ${config.databaseConnectTimeoutMs} ms): ${errorText(error)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

// Node reports a refused "localhost" as an AggregateError with an empty message (one error per
// address tried), so take the inner errors' text, or the code, rather than print nothing.
function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(errorText))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}
