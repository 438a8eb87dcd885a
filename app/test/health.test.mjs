// Readiness logic against the real PostgreSQL (pgvector) and Redis.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkPostgres, pgClientConfig, readiness } from '../lib/checks.mjs';
import { connectPostgres } from '../lib/db-credentials.mjs';
import { loadConfig } from '../lib/config.mjs';
import { migrate } from '../lib/migrate.mjs';
import { blackHole, closedPort, createDatabase, dropDatabase, serviceEnv } from './helpers.mjs';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
const env = serviceEnv();
let migrated; // database with the migrations applied
let bare; // database without the vector extension

before(async () => {
  migrated = await createDatabase(env, 'kc_health');
  bare = await createDatabase(env, 'kc_bare');
  await migrate({ db: loadConfig({ ...env, DB_NAME: migrated }).db, migrationsDir, log: () => {} });
});

after(async () => {
  await dropDatabase(env, migrated);
  await dropDatabase(env, bare);
});

/** Secrets of the running services; no readiness body may contain them. */
function assertNoSecrets(body) {
  const text = JSON.stringify(body);
  for (const k of ['DB_PASSWORD', 'KC_TEST_REDIS_ADMIN_PASSWORD', 'NEXTAUTH_SECRET']) {
    const v = env[k] ?? process.env[k];
    if (v) assert.ok(!text.includes(v), `${k} leaked into ${text}`);
  }
  assert.ok(!/\n\s+at /.test(text), 'stack trace leaked');
}

test('ready: 200 with per-dependency status when PostgreSQL, pgvector and Redis are up', async () => {
  const { status, body } = await readiness({ ...env, DB_NAME: migrated });
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.status, 'ok');
  assert.equal(typeof body.timestamp, 'number');
  assert.equal(body.checks.postgres.status, 'ok');
  assert.match(body.checks.postgres.vector, /^\d+\.\d+/);
  assert.equal(body.checks.redis.status, 'ok');
});

test('ready: PostgreSQL is reached over verified TLS when DB_SSL=verify-full', async () => {
  // The test cluster accepts both; ask the server whether this session is TLS.
  const db = loadConfig({ ...env, DB_NAME: migrated }).db;
  assert.equal(db.ssl, 'verify-full');
  const c = await connectPostgres(db, pgClientConfig(db));
  const r = await c.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
  await c.end();
  assert.equal(r.rows[0].ssl, true);
});

test('ready: a database whose certificate is from an unknown CA is refused', async () => {
  // A throwaway CA that signed nothing the server presents.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kc-other-ca-'));
  try {
    await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-subj', '/CN=kc-unknown-ca', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'ca.pem')]);
    const { status, body } = await readiness({ ...env, DB_NAME: migrated, DB_CA_FILE: path.join(dir, 'ca.pem') });
    assert.equal(status, 503);
    assert.match(body.checks.postgres.error, /^TLS handshake failed \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('ready: a database certificate that does not name DB_HOST is refused (host-name verification)', async () => {
  // Same server, same trusted CA; the certificate names 127.0.0.1 and localhost only.
  const { status, body } = await readiness({ ...env, DB_NAME: migrated, DB_HOST: '127.0.0.2' });
  assert.equal(status, 503);
  assert.equal(body.checks.postgres.error, 'TLS handshake failed (ERR_TLS_CERT_ALTNAME_INVALID)');
});

test('ready: 503 naming redis when Redis is down', async () => {
  const { status, body } = await readiness({ ...env, DB_NAME: migrated, REDIS_PORT: String(await closedPort()) });
  assert.equal(status, 503);
  assert.equal(body.status, 'error');
  assert.match(body.error, /^redis: connection refused/);
  assert.equal(body.checks.postgres.status, 'ok');
  assert.equal(body.checks.redis.status, 'error');
  assertNoSecrets(body);
});

test('ready: 503 naming postgres when PostgreSQL is down', async () => {
  const { status, body } = await readiness({ ...env, DB_NAME: migrated, DB_PORT: String(await closedPort()) });
  assert.equal(status, 503);
  assert.match(body.error, /^postgres: connection refused/);
  assert.equal(body.checks.redis.status, 'ok');
  assertNoSecrets(body);
});

test('ready: 503 names both when both are down', async () => {
  const { status, body } = await readiness({ ...env, DB_PORT: String(await closedPort()),
    REDIS_PORT: String(await closedPort()) });
  assert.equal(status, 503);
  assert.match(body.error, /postgres: .*; redis: /);
});

test('ready: 503 when the vector extension is missing', async () => {
  const { status, body } = await readiness({ ...env, DB_NAME: bare });
  assert.equal(status, 503);
  assert.match(body.error, /postgres: vector extension is not installed/);
});

test('ready: wrong credentials give 503 without echoing them', async () => {
  const badDb = 'wrong-db-password-SENTINEL';
  // No such ACL user: Redis answers WRONGPASS, as ElastiCache does for a bad token.
  const { status, body } = await readiness({ ...env, DB_NAME: migrated, DB_PASSWORD: badDb,
    REDIS_USER: 'kc-no-such-user-SENTINEL' });
  assert.equal(status, 503);
  assert.equal(body.checks.postgres.error, 'authentication failed (28P01)');
  assert.equal(body.checks.redis.error, 'authentication failed');
  assert.ok(!JSON.stringify(body).includes('SENTINEL'));
  assertNoSecrets(body);
});

test('ready: Redis over TLS fails closed on an untrusted certificate', async () => {
  // The TLS port's certificate is self-signed; without NODE_EXTRA_CA_CERTS
  // (see server.test.mjs for the trusted path) verification must fail.
  const { status, body } = await readiness({ ...env, DB_NAME: migrated, REDIS_TLS: 'true',
    REDIS_PORT: process.env.KC_TEST_REDIS_TLS_PORT });
  assert.equal(status, 503);
  assert.match(body.checks.redis.error, /^TLS handshake failed/);
});

test('ready: a dependency that never answers is cut off at the timeout', async () => {
  const hole = await blackHole();
  try {
    const started = Date.now();
    const { status, body } = await readiness({ ...env, DB_NAME: migrated, DB_PORT: String(hole.port),
      REDIS_PORT: String(hole.port) }, 500);
    const took = Date.now() - started;
    assert.equal(status, 503);
    assert.ok(took < 1500, `took ${took} ms`);
    assert.match(body.checks.postgres.error, /timed out|timeout/);
    assert.match(body.checks.redis.error, /timed out|timeout/);
  } finally {
    await hole.close();
  }
});

test('ready: invalid configuration gives 503 naming the variables only', async () => {
  const { status, body } = await readiness({ ...env, DB_HOST: '', REDIS_PORT: 'abc' });
  assert.equal(status, 503);
  assert.equal(body.error, 'configuration invalid: DB_HOST, REDIS_PORT');
  assertNoSecrets(body);
});

test('checkPostgres reports the default 2 s bound', async () => {
  const hole = await blackHole();
  try {
    const db = loadConfig({ ...env, DB_PORT: String(hole.port) }).db;
    const started = Date.now();
    await assert.rejects(checkPostgres(db));
    const took = Date.now() - started;
    assert.ok(took >= 1900 && took < 3000, `took ${took} ms`);
  } finally {
    await hole.close();
  }
});
