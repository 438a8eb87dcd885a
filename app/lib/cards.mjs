// Cards API logic, shared by the route handlers: the caller must hold a valid
// session; cards are written as the app role and embedded by the job queue.
import { pgClientConfig } from './checks.mjs';
import { loadConfig } from './config.mjs';
import { connectPostgres } from './db-credentials.mjs';
import { processJobs } from './jobs.mjs';
import { sessionCookie, sessionKeys } from './session.mjs';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** @param {number} status @param {Record<string, unknown>} body */
const reply = (status, body) => ({ status, body });

/**
 * The signed-in subject, or undefined.
 * @param {import('./config.mjs').AppConfig} config @param {string | null} cookieHeader
 */
export async function sessionOf(config, cookieHeader) {
  return sessionKeys(config.session).verify(sessionCookie(cookieHeader));
}

/** @param {import('./config.mjs').AppConfig} config @param {(c: import('pg').Client) => Promise<T>} fn @template T */
async function withDb(config, fn) {
  const client = await connectPostgres(config.db, pgClientConfig(config.db, 5000));
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * POST /api/cards {title, body}: saves the card and enqueues its embedding.
 * @param {string | null} cookieHeader @param {unknown} input
 */
export async function createCard(cookieHeader, input) {
  const config = loadConfig();
  if (!(await sessionOf(config, cookieHeader))) return reply(401, { error: 'not signed in' });
  const { title, body } = /** @type {any} */ (input) ?? {};
  if (typeof title !== 'string' || !title.trim() || title.length > 200
    || typeof body !== 'string' || body.length > 20000) {
    return reply(400, { error: 'expected {"title": 1-200 characters, "body": up to 20000 characters}' });
  }
  const id = await withDb(config, async (c) =>
    (await c.query('INSERT INTO cards (title, body) VALUES ($1, $2) RETURNING id', [title.trim(), body])).rows[0].id);
  await processJobs(config).enqueueEmbedding(id);
  return reply(202, { id });
}

/**
 * GET /api/cards/:id: the card and whether its embedding is ready.
 * @param {string | null} cookieHeader @param {string} id
 */
export async function getCard(cookieHeader, id) {
  const config = loadConfig();
  if (!(await sessionOf(config, cookieHeader))) return reply(401, { error: 'not signed in' });
  if (!UUID_RE.test(id)) return reply(404, { error: 'no such card' });
  const row = await withDb(config, async (c) => (await c.query(
    'SELECT id, title, embedded_at IS NOT NULL AS embedded FROM cards WHERE id = $1', [id])).rows[0]);
  return row ? reply(200, row) : reply(404, { error: 'no such card' });
}
