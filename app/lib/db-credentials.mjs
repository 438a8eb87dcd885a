// Database credentials that survive a password rotation.
//
// ECS injects DB_USER/DB_PASSWORD from the role's secret (the app role's for
// the service, the RDS-managed master secret for the migration task) only when
// a task starts; after a rotation every new connection of a running task would
// fail with 28P01. With DB_SECRET_ARN set, a rejected password makes us read
// the secret's current value once (RefreshingCredential), keep it for the
// process, and retry the connection once. The injected values stay the
// starting point, so a task that cannot reach Secrets Manager keeps working
// until the next rotation. Nothing here logs or returns a credential.
import pg from 'pg';
import { RefreshingCredential, processWide } from './credentials.mjs';
import { CredentialsError, getSecretString } from './secrets.mjs';

export { CredentialsError, SECRET_FETCH_TIMEOUT_MS } from './secrets.mjs';

/** @typedef {{ user: string, password: string }} DbCredentials */

/** @type {Map<string, RefreshingCredential<DbCredentials>>} secret -> its credential, shared by the process */
const credentials = processWide('db-credentials', () => new Map());

/** @param {DbCredentials} a @param {DbCredentials} b */
const sameCredentials = (a, b) => a.user === b.user && a.password === b.password;

/** @param {import('./config.mjs').DbSecret} secret @returns {Promise<DbCredentials>} */
async function readSecret(secret) {
  const text = await getSecretString('DB_SECRET_ARN', secret);
  let value;
  try {
    value = JSON.parse(text ?? '');
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
 * The process-wide credential of db (keyed by secret): starts from the
 * injected DB_USER/DB_PASSWORD; undefined without DB_SECRET_ARN.
 * @param {import('./config.mjs').DbConfig} db
 */
function credentialOf(db) {
  if (!db.secret) return undefined;
  const key = `${db.secret.region}|${db.secret.arn}`;
  let c = credentials.get(key);
  if (!c) {
    const secret = db.secret;
    c = new RefreshingCredential({ initial: { user: db.user, password: db.password },
      load: () => readSecret(secret), same: sameCredentials });
    credentials.set(key, c);
  }
  return c;
}

/**
 * The credentials to try first: the last ones read from the secret, else the
 * ones ECS injected at start.
 * @param {import('./config.mjs').DbConfig} db
 */
export function currentCredentials(db) {
  return credentialOf(db)?.current() ?? { user: db.user, password: db.password };
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
    const credential = credentialOf(db);
    if (!credential || /** @type {any} */ (err)?.code !== '28P01' || signal?.aborted) throw err;
    let fresh;
    try {
      // Another connection may have read the new value meanwhile (several
      // connections opened right after a rotation): then no new read.
      fresh = await credential.afterRejection(tried);
    } catch (fetchErr) {
      // Both causes, neither with a value: "authentication failed (28P01); cannot fetch ... (ECONNREFUSED)".
      const why = fetchErr instanceof CredentialsError ? fetchErr.message : 'cannot fetch DB_SECRET_ARN';
      throw new CredentialsError(`authentication failed (28P01); ${why}`);
    }
    // Secret unchanged: the retry would fail the same way (e.g. mid-rotation).
    if (signal?.aborted || !fresh) throw err;
    console.log('knowledge-card: database password was rejected (28P01); retrying with the current value of DB_SECRET_ARN');
    return attempt(fresh);
  }
}

