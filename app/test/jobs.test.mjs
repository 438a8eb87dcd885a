// BullMQ on real Redis with ACL users standing in for ElastiCache IAM users:
// the user's password is exactly the token the app must sign (same clock,
// same credentials), so a connection authenticates only with a correct,
// current token. Rotation is what ElastiCache does to a running task: the
// valid token changes and connections are closed (ACL SETUSER resetpass +
// CLIENT KILL USER).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Redis from 'ioredis';
import { loadConfig } from '../lib/config.mjs';
import { EMBEDDING_DIMENSIONS, createJobs, embedCard, embedText } from '../lib/jobs.mjs';
import { migrate } from '../lib/migrate.mjs';
import { ElastiCacheTokens, createRedis, elastiCacheToken } from '../lib/redis-auth.mjs';
import { createDatabase, dropDatabase, serviceEnv, withDb } from './helpers.mjs';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
const env = serviceEnv();
const CACHE = env.REDIS_CACHE_NAME;
const CREDS_A = { accessKeyId: 'AKIDKCTESTA', secretAccessKey: 'kc-test-secret-a', sessionToken: 'kc-session-a' };
const CREDS_B = { accessKeyId: 'AKIDKCTESTB', secretAccessKey: 'kc-test-secret-b', sessionToken: 'kc-session-b' };

let dbName;
let admin;
const users = [];

before(async () => {
  dbName = await createDatabase(env, 'kc_jobs');
  await migrate({ db: loadConfig({ ...env, DB_NAME: dbName }).db, migrationsDir, log: () => {} });
  admin = new Redis({ host: env.REDIS_HOST, port: Number(env.REDIS_PORT),
    password: process.env.KC_TEST_REDIS_ADMIN_PASSWORD });
});

after(async () => {
  for (const u of users) await admin.call('ACL', 'DELUSER', u);
  admin.disconnect();
  if (dbName) await dropDatabase(env, dbName);
});

/** An "IAM" user whose only password is the token tokenFor(user) returns. */
async function iamUser(tokenFor) {
  const user = `kc-iam-${randomBytes(4).toString('hex')}`;
  users.push(user);
  await admin.call('ACL', 'SETUSER', user, 'on', `>${await tokenFor(user)}`, '~*', '&*', '+@all');
  return user;
}

/** The ElastiCache side of a rotation: only `token` is valid now, and existing connections are closed. */
async function rotateTo(user, token) {
  await admin.call('ACL', 'SETUSER', user, 'resetpass', `>${token}`);
  return admin.call('CLIENT', 'KILL', 'USER', user);
}

/** Clients currently authenticated as user. */
async function connectionsOf(user) {
  const list = /** @type {string} */ (await admin.call('CLIENT', 'LIST'));
  return list.split('\n').filter((l) => l.includes(` user=${user} `)).length;
}

const tokenAt = (user, credentials, signingDate) => elastiCacheToken({ user, cacheName: CACHE,
  region: env.AWS_REGION, credentials, signingDate });

async function until(what, fn, ms = 90_000) {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

test('the embedding is deterministic, normalised and word-based', () => {
  const a = embedText('Knowledge cards about PostgreSQL');
  assert.equal(a.length, EMBEDDING_DIMENSIONS);
  assert.ok(Math.abs(Math.hypot(...a) - 1) < 1e-9);
  assert.deepEqual(embedText('knowledge CARDS about postgresql!'), a);
  assert.notDeepEqual(embedText('something else entirely'), a);
});

test('jobs keep flowing while the Redis credential rotates: none lost, none processed twice', async () => {
  const t0 = new Date('2026-11-30T10:00:00Z');
  let now = t0;
  let creds = CREDS_A;
  const user = await iamUser((u) => tokenAt(u, creds, now));
  const tokens = new ElastiCacheTokens({ user, cacheName: CACHE, region: env.AWS_REGION,
    now: () => now, credentials: async () => creds });
  const config = loadConfig({ ...env, DB_NAME: dbName, REDIS_USER: user });

  const processed = new Map();
  const jobs = createJobs(config, {
    tokens,
    prefix: `kc-test-${randomBytes(4).toString('hex')}`, // this test's queue only
    processor: async (job) => {
      processed.set(job.data.cardId, (processed.get(job.data.cardId) ?? 0) + 1);
      return embedCard(config.db, job.data.cardId);
    },
  });
  const ids = [];
  const addCards = async (n) => {
    for (let i = 0; i < n; i++) {
      const { rows } = await withDb(env, dbName, (c) => c.query(
        'INSERT INTO cards (title, body) VALUES ($1, $2) RETURNING id', [`card ${ids.length}`, `body ${i} of the test`]));
      ids.push(rows[0].id);
      await jobs.enqueueEmbedding(rows[0].id);
    }
  };
  try {
    await addCards(20);
    await until('the worker to process jobs', () => processed.size >= 5);
    // The queue's connection and the worker's (the blocking one is BullMQ's duplicate).
    assert.ok(await connectionsOf(user) >= 2, 'queue and worker connections authenticate as the IAM user');

    // Rotation 1: new task-role credentials and a later clock; connections are cut mid-flow.
    now = new Date(t0.getTime() + 10 * 60_000);
    creds = CREDS_B;
    const adding = addCards(20);
    const killed = await rotateTo(user, await tokenAt(user, creds, now));
    assert.ok(killed >= 2, `killed ${killed} connections`);
    await adding;

    // Rotation 2: the 15-minute token lifetime has passed; only a token signed now works.
    now = new Date(t0.getTime() + 30 * 60_000);
    await rotateTo(user, await tokenAt(user, creds, now));
    await addCards(20);

    await until('every job to complete', async () => (await jobs.queue.getJobCounts('completed')).completed === ids.length);
    const counts = await jobs.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    assert.deepEqual(counts, { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 60 });
    assert.deepEqual([...processed.values()].filter((n) => n !== 1), [], 'a job was processed more than once');
    assert.equal(processed.size, 60);
    const embedded = await withDb(env, dbName, (c) => c.query(
      'SELECT count(*)::int AS n FROM cards WHERE id = ANY($1::uuid[]) AND embedding IS NOT NULL', [ids]));
    assert.equal(embedded.rows[0].n, 60);
    assert.ok(await connectionsOf(user) >= 2, 'reconnected with the new token');
  } finally {
    await jobs.close();
  }
});

test('a refused token makes the next connection re-read the AWS credentials (WRONGPASS)', async () => {
  const now = new Date('2026-11-30T11:00:00Z');
  // The task role's credentials were renewed, but the SDK's cache still holds
  // the old ones until asked to refresh.
  const user = await iamUser((u) => tokenAt(u, CREDS_B, now));
  const asked = [];
  const tokens = new ElastiCacheTokens({ user, cacheName: CACHE, region: env.AWS_REGION, now: () => now,
    credentials: async (o) => { asked.push(Boolean(o?.forceRefresh)); return o?.forceRefresh ? CREDS_B : CREDS_A; } });
  const config = loadConfig({ ...env, REDIS_USER: user });
  const client = createRedis(config.redis, { retryStrategy: () => 50, lazyConnect: true }, tokens);
  const errors = [];
  client.on('error', (e) => errors.push(e.message));
  try {
    // The first attempt is refused; the retry signs with re-read credentials.
    const ready = new Promise((res) => client.once('ready', res));
    client.connect().catch(() => {});
    await ready;
    assert.equal(await client.ping(), 'PONG');
    assert.match(errors.join('\n'), /WRONGPASS/);
    assert.deepEqual(asked.slice(0, 2), [false, true]);
  } finally {
    client.disconnect();
  }
});

test('a client disconnected while its token is being signed stays closed', async () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const user = await iamUser((u) => tokenAt(u, CREDS_A, now));
  const slowCredentials = () => new Promise((res) => setTimeout(() => res(CREDS_A), 200));
  const tokens = new ElastiCacheTokens({ user, cacheName: CACHE, region: env.AWS_REGION, now: () => now,
    credentials: slowCredentials });
  const client = createRedis(loadConfig({ ...env, REDIS_USER: user }).redis, { lazyConnect: true }, tokens);
  client.on('error', () => {});
  const connecting = client.connect();
  client.disconnect();
  await assert.rejects(connecting, /Connection is closed/);
  await new Promise((res) => setTimeout(res, 100));
  assert.equal(client.status, 'end');
  assert.equal(await connectionsOf(user), 0);
});
