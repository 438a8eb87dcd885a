// Database credentials that survive an RDS password rotation.
//
// ECS injects DB_USER/DB_PASSWORD from the RDS-managed Secrets Manager secret
// only when a task starts; RDS rotates that secret (every 7 days by default),
// after which every new connection of a running task would fail with 28P01.
// With DB_SECRET_ARN set, a rejected password makes us fetch the secret's
// current value once, cache it for the process, and retry the connection once.
// The injected values stay the starting point, so a task that cannot reach
// Secrets Manager keeps working until the next rotation. Nothing here logs or
// returns a credential in an error.
import pg from 'pg';

/** Reported through safeError (checks.mjs); messages are names and codes only. */
export class CredentialsError extends Error {}

export const SECRET_FETCH_TIMEOUT_MS = 5000;

/** @type {Map<string, { user: string, password: string }>} secret key -> last fetched credentials */
const cache = new Map();
/** @type {Map<string, Promise<{ user: string, password: string }>>} one fetch at a time per secret */
const inflight = new Map();
/** @type {Map<string, any>} one SDK client per region */
const clients = new Map();

/** @param {{ arn: string, region: string }} secret */
const keyOf = (secret) => `${secret.region}|${secret.arn}`;

/**
 * The credentials to try first: the last ones fetched from the secret, else
 * the ones ECS injected at start.
 * @param {import('./config.mjs').DbConfig} db
 */
export function currentCredentials(db) {
  return (db.secret && cache.get(keyOf(db.secret))) || { user: db.user, password: db.password };
}

const sameCredentials = (a, b) => a.user === b.user && a.password === b.password;

/** Only the error's name or code: AWS messages carry ARNs and role names. */
function describeFetchError(err) {
  const e = /** @type {any} */ (err) ?? {};
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return `timed out after ${SECRET_FETCH_TIMEOUT_MS} ms`;
  const code = typeof e.code === 'string' && /^[A-Z0-9_]{2,40}$/.test(e.code) ? e.code : undefined;
  const name = typeof e.name === 'string' && /^[A-Za-z]{2,60}$/.test(e.name) && e.name !== 'Error' ? e.name : undefined;
  return code ?? name ?? 'unknown error';
}

/** @param {{ arn: string, region: string }} secret */
async function fetchSecret(secret) {
  // Loaded on first use: without DB_SECRET_ARN the SDK is never even imported.
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  let client = clients.get(secret.region);
  if (!client) {
    client = new SecretsManagerClient({ region: secret.region, maxAttempts: 2 });
    clients.set(secret.region, client);
  }
  let out;
  try {
    out = await client.send(new GetSecretValueCommand({ SecretId: secret.arn }),
      { abortSignal: AbortSignal.timeout(SECRET_FETCH_TIMEOUT_MS) });
  } catch (err) {
    throw new CredentialsError(`cannot fetch DB_SECRET_ARN from Secrets Manager (${describeFetchError(err)})`);
  }
  let value;
  try {
    value = JSON.parse(out.SecretString ?? '');
  } catch {
    value = undefined;
  }
  if (typeof value?.username !== 'string' || !value.username
    || typeof value?.password !== 'string' || !value.password) {
    throw new CredentialsError('DB_SECRET_ARN does not hold JSON with "username" and "password"');
  }
  return { user: value.username, password: value.password };
}

/**
 * Fetches the secret's current value (one request at a time per secret) and
 * makes it the process's credentials for that secret.
 * @param {{ arn: string, region: string }} secret
 */
export function refreshCredentials(secret) {
  const key = keyOf(secret);
  let p = inflight.get(key);
  if (!p) {
    p = fetchSecret(secret)
      .then((creds) => { cache.set(key, creds); return creds; })
      .finally(() => inflight.delete(key));
    inflight.set(key, p);
  }
  return p;
}

/**
 * A connected pg.Client. With db.secret set, a 28P01 (password rejected) makes
 * it fetch the current secret and retry once; without it this is exactly
 * `new pg.Client(options).connect()` and Secrets Manager is never called.
 * Aborting `signal` ends the client in progress (or the connected one) and
 * prevents the retry.
 * @param {import('./config.mjs').DbConfig} db
 * @param {import('pg').ClientConfig} options connection options without user/password
 * @param {AbortSignal} [signal]
 * @returns {Promise<import('pg').Client>}
 */
export async function connectPostgres(db, options, signal) {
  const attempt = async (creds) => {
    const client = new pg.Client({ ...options, user: creds.user, password: creds.password });
    client.on('error', () => {}); // late socket errors after an abort must not crash the process
    signal?.addEventListener('abort', () => { client.end().catch(() => {}); }, { once: true });
    try {
      await client.connect();
      return client;
    } catch (err) {
      client.end().catch(() => {});
      throw err;
    }
  };
  const tried = currentCredentials(db);
  try {
    return await attempt(tried);
  } catch (err) {
    if (!db.secret || /** @type {any} */ (err)?.code !== '28P01' || signal?.aborted) throw err;
    // Another connection may have fetched the new value meanwhile (a pool
    // opening several connections right after a rotation): use it.
    let fresh = currentCredentials(db);
    try {
      if (sameCredentials(fresh, tried)) fresh = await refreshCredentials(db.secret);
    } catch (fetchErr) {
      // Both causes, neither with a value: "authentication failed (28P01); cannot fetch ... (ECONNREFUSED)".
      const why = fetchErr instanceof CredentialsError ? fetchErr.message : 'cannot fetch DB_SECRET_ARN';
      throw new CredentialsError(`authentication failed (28P01); ${why}`);
    }
    // Secret unchanged: the retry would fail the same way (e.g. mid-rotation).
    if (signal?.aborted || sameCredentials(fresh, tried)) throw err;
    console.log('knowledge-card: database password was rejected (28P01); retrying with the current value of DB_SECRET_ARN');
    return attempt(fresh);
  }
}

