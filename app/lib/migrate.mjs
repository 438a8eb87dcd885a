// SQL migration runner: files migrations/NNNN_name.sql applied in order, each
// in its own transaction, recorded with a checksum in schema_migrations, all
// under one session-level advisory lock so concurrent runners (two deploys,
// a retried ECS task) serialise instead of colliding.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pgClientConfig } from './checks.mjs';
import { DEFAULT_DB_APP_USER } from './config.mjs';
import { connectPostgres } from './db-credentials.mjs';

/** Arbitrary but fixed key: every runner of this app must agree on it. */
export const MIGRATION_LOCK_KEY = 4242_0001n;
const FILE_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export class MigrationError extends Error {}

/** @param {string} dir */
export async function readMigrations(dir) {
  let entries;
  try {
    entries = await readdir(dir);
  } catch (err) {
    throw new MigrationError(`cannot read migrations directory ${dir}: ${/** @type {any} */ (err).code}`);
  }
  const files = entries.filter((f) => f.endsWith('.sql')).sort();
  const seen = new Map();
  const migrations = [];
  for (const file of files) {
    const m = FILE_RE.exec(file);
    if (!m) throw new MigrationError(`bad migration file name "${file}": expected NNNN_name.sql (lower case)`);
    if (seen.has(m[1])) throw new MigrationError(`duplicate migration version ${m[1]}: ${seen.get(m[1])} and ${file}`);
    seen.set(m[1], file);
    const sql = await readFile(path.join(dir, file), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    migrations.push({ version: m[1], name: file.slice(0, -4), file, sql, checksum });
  }
  return migrations;
}

/**
 * @param {{ db: import('./config.mjs').DbConfig, migrationsDir: string, appUser?: string,
 *   log?: (msg: string) => void, lockWaitMs?: number }} opts
 *   appUser: the service's role (DB_APP_USER), which migrations create and grant
 *   to; read by them as the session setting knowledge_card.app_user.
 * @returns {Promise<{ applied: string[], skipped: string[] }>}
 */
export async function migrate({ db, migrationsDir, appUser = DEFAULT_DB_APP_USER, log = console.log,
  lockWaitMs = 300_000 }) {
  const migrations = await readMigrations(migrationsDir);
  // Survives an RDS password rotation that completed after the task started.
  const client = await connectPostgres(db, { ...pgClientConfig(db, 10_000), application_name: 'knowledge-card-migrate' });
  let locked = false;
  try {
    await client.query("SELECT set_config('knowledge_card.app_user', $1, false)", [appUser]);
    // Poll rather than block in pg_advisory_lock, so the wait is bounded and logged.
    const deadline = Date.now() + lockWaitMs;
    let announced = false;
    for (;;) {
      const r = await client.query('SELECT pg_try_advisory_lock($1::bigint) AS ok', [MIGRATION_LOCK_KEY.toString()]);
      if (r.rows[0].ok) break;
      if (!announced) {
        log('another migration runner holds the lock; waiting');
        announced = true;
      }
      if (Date.now() > deadline) throw new MigrationError(`gave up waiting ${lockWaitMs} ms for the migration lock`);
      await new Promise((res) => setTimeout(res, 250));
    }
    locked = true;

    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version     text PRIMARY KEY,
      name        text NOT NULL,
      checksum    text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now(),
      duration_ms integer NOT NULL
    )`);
    const { rows } = await client.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    const applied = new Map(rows.map((row) => [row.version, row]));

    // Verify history before changing anything: an edited, already-applied
    // migration means the database and the code disagree.
    for (const m of migrations) {
      const row = applied.get(m.version);
      if (row && row.checksum !== m.checksum) {
        throw new MigrationError(`checksum mismatch for ${m.file}: it was changed after being applied `
          + `(recorded ${row.checksum.slice(0, 12)}, file ${m.checksum.slice(0, 12)}); add a new migration instead`);
      }
      if (row && row.name !== m.name) {
        throw new MigrationError(`migration ${m.version} was applied as ${row.name} but the file is now ${m.file}`);
      }
    }
    const known = new Set(migrations.map((m) => m.version));
    for (const row of rows) {
      // Normal while an older image runs after a newer one migrated (rollback).
      if (!known.has(row.version)) log(`note: applied migration ${row.name} has no file here (newer release?)`);
    }

    const result = { applied: [], skipped: [] };
    for (const m of migrations) {
      if (applied.has(m.version)) {
        result.skipped.push(m.name);
        continue;
      }
      const started = Date.now();
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          'INSERT INTO schema_migrations (version, name, checksum, duration_ms) VALUES ($1, $2, $3, $4)',
          [m.version, m.name, m.checksum, Date.now() - started]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        const e = /** @type {any} */ (err);
        throw new MigrationError(`migration ${m.file} failed and was rolled back: ${e.message}`
          + (e.code ? ` (SQLSTATE ${e.code})` : ''));
      }
      log(`applied ${m.file} in ${Date.now() - started} ms`);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    if (locked) await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY.toString()]).catch(() => {});
    await client.end().catch(() => {});
  }
}
