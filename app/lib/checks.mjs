// Dependency checks behind GET /api/health/ready. Each check opens its own
// short-lived connection (probes are rare; a fresh connection proves the path
// a new task would take) and is bounded by a hard timeout so a black-holed
// dependency cannot hang the ALB/pipeline probe.
import { ConfigError, loadConfig } from './config.mjs';
import { CredentialsError, connectPostgres } from './db-credentials.mjs';
import { createRedis } from './redis-auth.mjs';

export const CHECK_TIMEOUT_MS = 2000;

class CheckError extends Error {}

/** Errors are reduced to codes we recognise: driver messages may carry hosts, users or SQL. */
const PG_CODES = {
  '28P01': 'authentication failed',
  '28000': 'authorization rejected',
  '3D000': 'database does not exist',
  '57P03': 'database is starting up or shutting down',
  '53300': 'too many connections',
};
const NET_CODES = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  EPIPE: 'connection closed',
};

/** @param {unknown} err */
export function safeError(err) {
  if (err instanceof CheckError || err instanceof CredentialsError) return err.message;
  const e = /** @type {any} */ (err) ?? {};
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && PG_CODES[code]) return `${PG_CODES[code]} (${code})`;
  if (code && NET_CODES[code]) return `${NET_CODES[code]} (${code})`;
  if (code && /^(ERR_TLS|ERR_SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO|CERT_)/.test(code)) {
    return `TLS handshake failed (${code})`;
  }
  const msg = typeof e.message === 'string' ? e.message : '';
  if (/NOAUTH|WRONGPASS|invalid password|invalid username-password/i.test(msg)) return 'authentication failed';
  if (/does not support SSL|SSL.*not.*(enabled|supported)/i.test(msg)) return 'server does not accept TLS';
  if (/Connection terminated|Connection is closed|Stream isn't writeable/i.test(msg)) return 'connection closed';
  if (/timeout/i.test(msg)) return 'timed out';
  return code && /^[A-Z0-9_]{2,40}$/.test(code) ? `check failed (${code})` : 'check failed';
}

/**
 * Runs fn with a hard deadline; onTimeout tears down the connection.
 * @template T @param {() => Promise<T>} fn @param {number} ms @param {() => void} onTimeout
 */
async function withTimeout(fn, ms, onTimeout) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new CheckError(`timed out after ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([fn(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Connection options without credentials: connectPostgres (db-credentials.mjs)
 * adds them, the injected ones or the current value of DB_SECRET_ARN.
 * @param {import('./config.mjs').DbConfig} db
 */
export function pgClientConfig(db, timeoutMs = CHECK_TIMEOUT_MS) {
  return {
    host: db.host,
    port: db.port,
    database: db.database,
    // verify-full: only DB_CA_FILE's certificates are trusted, and Node checks
    // the certificate names DB_HOST (pg passes the host as the TLS servername).
    ssl: db.ssl === 'verify-full' ? { ca: db.ca, rejectUnauthorized: true } : false,
    connectionTimeoutMillis: timeoutMs,
    application_name: 'knowledge-card',
  };
}

/** SELECT 1 plus the pgvector extension being installed in DB_NAME. */
export async function checkPostgres(db, timeoutMs = CHECK_TIMEOUT_MS) {
  const started = Date.now();
  // Aborted on timeout: ends the connection in progress, or the connected one.
  const abort = new AbortController();
  try {
    const vector = await withTimeout(async () => {
      const client = await connectPostgres(db, { ...pgClientConfig(db, timeoutMs), query_timeout: timeoutMs },
        abort.signal);
      await client.query('SELECT 1');
      const r = await client.query("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
      if (r.rowCount === 0) throw new CheckError('vector extension is not installed (run npm run migrate)');
      return r.rows[0].extversion;
    }, timeoutMs, () => abort.abort());
    return { status: 'ok', latencyMs: Date.now() - started, vector };
  } finally {
    abort.abort();
  }
}

/**
 * PING, over TLS when REDIS_TLS=true (ElastiCache in-transit encryption), as
 * REDIS_USER with a fresh IAM token when REDIS_AUTH_MODE=iam.
 */
export async function checkRedis(redis, timeoutMs = CHECK_TIMEOUT_MS) {
  const started = Date.now();
  const client = createRedis(redis, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    retryStrategy: () => null,
  });
  /** @type {unknown} */
  let lastError;
  client.on('error', (err) => { lastError = err; });
  try {
    await withTimeout(async () => {
      try {
        await client.connect();
        const pong = await client.ping();
        if (pong !== 'PONG') throw new CheckError('unexpected PING reply');
      } catch (err) {
        // ioredis often rejects with a generic "Connection is closed" after
        // emitting the real cause (ECONNREFUSED, TLS) as an 'error' event.
        throw err instanceof CheckError || !lastError ? err : lastError;
      }
    }, timeoutMs, () => client.disconnect());
    return { status: 'ok', latencyMs: Date.now() - started };
  } finally {
    client.disconnect();
  }
}

/**
 * The readiness document. Never throws; never includes credentials or stacks.
 * @param {Record<string, string | undefined>} [env]
 * @returns {Promise<{ status: number, body: Record<string, unknown> }>}
 */
export async function readiness(env = process.env, timeoutMs = CHECK_TIMEOUT_MS) {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    const vars = err instanceof ConfigError ? err.variables.join(', ') : 'unknown';
    return {
      status: 503,
      body: { status: 'error', error: `configuration invalid: ${vars}`, checks: {}, timestamp: Date.now() },
    };
  }
  const names = /** @type {const} */ (['postgres', 'redis']);
  const results = await Promise.allSettled([
    checkPostgres(config.db, timeoutMs),
    checkRedis(config.redis, timeoutMs),
  ]);
  /** @type {Record<string, Record<string, unknown>>} */
  const checks = {};
  const failed = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') {
      checks[names[i]] = r.value;
    } else {
      const error = safeError(r.reason);
      checks[names[i]] = { status: 'error', error };
      failed.push(`${names[i]}: ${error}`);
    }
  });
  if (failed.length) {
    return { status: 503, body: { status: 'error', error: failed.join('; '), checks, timestamp: Date.now() } };
  }
  return { status: 200, body: { status: 'ok', checks, timestamp: Date.now() } };
}
