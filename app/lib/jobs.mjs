// The app's background work on BullMQ: computing a card's embedding after it
// is saved. The API route enqueues; a worker in the same process consumes.
// Every Redis connection (the queue's, the worker's and the blocking one
// BullMQ duplicates from it) authenticates with a fresh IAM token on each
// (re)connect (redis-auth.mjs), so a token expiry, the 12-hour IAM session
// limit or a killed connection costs a reconnect, not a job.
import { Queue, Worker } from 'bullmq';
import { createHash } from 'node:crypto';
import { pgClientConfig } from './checks.mjs';
import { processWide } from './credentials.mjs';
import { connectPostgres } from './db-credentials.mjs';
import { createRedis } from './redis-auth.mjs';

export const EMBED_QUEUE = 'embed-card';
export const EMBEDDING_DIMENSIONS = 64;

/**
 * A deterministic bag-of-words embedding (feature hashing, L2-normalised):
 * no model or network call, so the job is reproducible and cheap; the
 * vector(64) column and pgvector distance queries are the same for a real model.
 * @param {string} text @returns {number[]}
 */
export function embedText(text) {
  const v = new Array(EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const h = createHash('sha256').update(word).digest();
    v[h[0] % EMBEDDING_DIMENSIONS] += h[1] & 1 ? 1 : -1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/**
 * The job: embed one card (idempotent: running it again writes the same vector).
 * @param {import('./config.mjs').DbConfig} db @param {string} cardId
 * @returns {Promise<{ embedded: boolean }>}
 */
export async function embedCard(db, cardId) {
  const client = await connectPostgres(db, { ...pgClientConfig(db, 10_000), application_name: 'knowledge-card-worker' });
  try {
    const { rows } = await client.query('SELECT title, body FROM cards WHERE id = $1', [cardId]);
    if (rows.length === 0) return { embedded: false }; // deleted since: nothing to do
    const vector = `[${embedText(`${rows[0].title}\n${rows[0].body}`).join(',')}]`;
    await client.query('UPDATE cards SET embedding = $2::vector, embedded_at = now() WHERE id = $1', [cardId, vector]);
    return { embedded: true };
  } finally {
    await client.end().catch(() => {});
  }
}

/** One job per card: a retried enqueue (lost reply, reconnect) finds the same job. */
export const embedJobId = (cardId) => `embed-${cardId}`;

/**
 * Queue and worker on one IAM-authenticated connection.
 * @param {import('./config.mjs').AppConfig} config
 * @param {{ tokens?: import('./redis-auth.mjs').ElastiCacheTokens, prefix?: string,
 *   processor?: (job: import('bullmq').Job) => Promise<unknown> }} [opts]
 *   for tests: their signer, their own key prefix, a processor that counts
 */
export function createJobs(config, opts = {}) {
  // BullMQ's workers block on Redis: commands must wait across reconnects
  // rather than fail after a retry count (maxRetriesPerRequest: null).
  const connection = createRedis(config.redis, { maxRetriesPerRequest: null }, opts.tokens);
  const prefix = opts.prefix ?? 'bull';
  const queue = new Queue(EMBED_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } },
  });
  const processor = opts.processor ?? ((job) => embedCard(config.db, job.data.cardId));
  const worker = new Worker(EMBED_QUEUE, processor, { connection, prefix, concurrency: 4 });
  // Connection errors are retried by ioredis and BullMQ; report them without values.
  const report = (err) => console.error(`knowledge-card: job queue: ${String(err?.message ?? err).slice(0, 200)}`);
  queue.on('error', report);
  worker.on('error', report);
  return {
    queue,
    worker,
    /** @param {string} cardId */
    enqueueEmbedding: (cardId) => queue.add('embed', { cardId }, { jobId: embedJobId(cardId) }),
    /** Finishes the jobs in progress, then closes every connection. */
    close: async () => {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}

/**
 * The process's queue and worker, started once (instrumentation.ts) and shared
 * with the route handlers.
 * @param {import('./config.mjs').AppConfig} config
 * @returns {ReturnType<typeof createJobs>}
 */
export function processJobs(config) {
  return processWide('jobs', () => createJobs(config));
}
