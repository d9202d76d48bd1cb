// The service's settings, read once from the environment and checked before anything starts,
// so that a bad deployment fails at once with one line instead of at the first request.

export interface AppConfig {
  /** PostgreSQL connection URL (postgresql://user:password@host:port/database). */
  readonly databaseUrl: string;
  /** TCP port to listen on; 0.0.0.0 is always the host, so that a container's port is reachable. */
  readonly port: number;
  readonly host: string;
  /** How long the start-up check and each pool connection may wait for the database. */
  readonly databaseConnectTimeoutMs: number;
  /** Connections in the pg pool. */
  readonly databasePoolSize: number;
  /** After SIGTERM, how long in-flight requests may take before the process gives up on them. */
  readonly shutdownTimeoutMs: number;
}

/** A setting is missing or malformed; the message is the one line the operator sees. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads and validates the settings; throws ConfigError naming the variable and what to do. */
export function loadConfig(env: Env): AppConfig {
  return {
    databaseUrl: readDatabaseUrl(env),
    port: readInteger(env, 'PORT', 3000, 1, 65535),
    host: '0.0.0.0',
    databaseConnectTimeoutMs: readInteger(
      env,
      'DATABASE_CONNECT_TIMEOUT_MS',
      3000,
      100,
      60000,
    ),
    databasePoolSize: readInteger(env, 'DATABASE_POOL_SIZE', 10, 1, 100),
    // Below the 10 s that `docker stop` and Kubernetes wait before SIGKILL.
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 8000, 0, 600000),
  };
}

function readDatabaseUrl(env: Env): string {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) {
    throw new ConfigError(
      'DATABASE_URL is not set: set it to postgresql://USER:PASSWORD@HOST:PORT/DATABASE',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'DATABASE_URL is not a valid URL: expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE',
    );
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new ConfigError(
      `DATABASE_URL has scheme "${url.protocol.replace(/:$/, '')}": expected postgresql://`,
    );
  }
  return raw;
}

// Strict decimal digits only: Number('') is 0 and Number('1e3') is 1000, neither of which a
// person writing PORT meant.
function readInteger(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `${name} is "${raw}": expected a whole number from ${min} to ${max}`,
    );
  }
  return value;
}

/** Where the database is, for messages: never print the password. */
export function describeDatabase(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
