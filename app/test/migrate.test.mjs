// The migrator against the real PostgreSQL: order, idempotency, checksums,
// rollback, the advisory lock, and the `npm run migrate` CLI contract.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pgClientConfig } from '../lib/checks.mjs';
import { loadMigrateConfig } from '../lib/config.mjs';
import { connectPostgres } from '../lib/db-credentials.mjs';
import { migrate, readMigrations } from '../lib/migrate.mjs';
import { createDatabase, dropDatabase, serviceEnv, withDb } from './helpers.mjs';

const appDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const migrationsDir = path.join(appDir, 'migrations');
const env = serviceEnv();
const run = promisify(execFile);
const created = [];
let tmp;

before(async () => { tmp = await mkdtemp(path.join(os.tmpdir(), 'kc-migrations-')); });
after(async () => {
  await rm(tmp, { recursive: true, force: true });
  for (const db of created) await dropDatabase(env, db);
});

async function freshDb() {
  const name = await createDatabase(env, 'kc_migrate');
  created.push(name);
  return { name, db: loadMigrateConfig({ ...env, DB_NAME: name }).db };
}

/** A migrations directory built from { 'NNNN_name.sql': sql }. */
async function dirWith(files) {
  const dir = await mkdtemp(path.join(tmp, 'set-'));
  for (const [file, sql] of Object.entries(files)) await writeFile(path.join(dir, file), sql);
  return dir;
}

const quiet = () => {};
const SHIPPED = ['0001_enable_vector', '0002_app_role', '0003_cards'];

test('the shipped migrations apply, are recorded, and install vector', async () => {
  const { name, db } = await freshDb();
  const first = await migrate({ db, migrationsDir, log: quiet });
  assert.deepEqual(first.applied, SHIPPED);
  await withDb(env, name, async (c) => {
    const ext = await c.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'");
    assert.equal(ext.rowCount, 1);
    // And it works, not just exists.
    const d = await c.query("SELECT '[1,2,3]'::vector <-> '[1,2,4]'::vector AS d");
    assert.equal(d.rows[0].d, 1);
    const rows = (await c.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version')).rows;
    const shipped = await readMigrations(migrationsDir);
    assert.deepEqual(rows, shipped.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
  });
  const second = await migrate({ db, migrationsDir, log: quiet });
  assert.deepEqual(second, { applied: [], skipped: SHIPPED });
});

test('the app role can read and write app tables, and nothing more', async () => {
  const { name, db } = await freshDb();
  const appUser = `kc_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(16).toString('hex');
  const admin = (sql) => withDb(env, 'postgres', (c) => c.query(sql));
  try {
    await migrate({ db, migrationsDir, appUser, log: quiet });
    const role = (await admin(`SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls
      FROM pg_roles WHERE rolname = '${appUser}'`)).rows;
    assert.deepEqual(role, [{ rolcanlogin: false, rolsuper: false, rolcreaterole: false, rolcreatedb: false,
      rolbypassrls: false }], 'created NOLOGIN, no attributes');
    // What the rotation function's setSecret step does.
    await admin(`ALTER ROLE ${appUser} LOGIN PASSWORD '${password}'`);
    const asApp = loadMigrateConfig({ ...env, DB_NAME: name, DB_USER: appUser, DB_PASSWORD: password }).db;
    const c = await connectPostgres(asApp, pgClientConfig(asApp));
    try {
      const { rows } = await c.query("INSERT INTO cards (title, body) VALUES ('t', 'b') RETURNING id");
      await c.query("UPDATE cards SET embedding = array_fill(0.5, ARRAY[64])::vector, embedded_at = now() WHERE id = $1",
        [rows[0].id]);
      assert.equal((await c.query('SELECT count(*)::int AS n FROM cards WHERE embedding IS NOT NULL')).rows[0].n, 1);
      await c.query('DELETE FROM cards');
      const denied = async (sql, what) => {
        await assert.rejects(c.query(sql), (err) => { assert.equal(err.code, '42501', `${what}: ${err.message}`); return true; });
      };
      await denied('CREATE TABLE sneaky (n int)', 'create a table');
      await denied('SELECT rolpassword FROM pg_authid', 'read pg_authid');
      await denied("INSERT INTO schema_migrations VALUES ('9999', 'x', 'x', now(), 0)", 'write the migration history');
      await denied('SELECT * FROM schema_migrations', 'read the migration history');
      await denied('ALTER TABLE cards ADD COLUMN x int', 'alter a table');
      await denied('DROP TABLE cards', 'drop a table');
    } finally {
      await c.end();
    }
    const owned = await withDb(env, name, (a) => a.query(
      `SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = '${appUser}')`));
    assert.equal(owned.rows[0].n, 0, 'owns nothing');
    // Re-running is harmless and keeps the role's password (set by rotation, not by migrations).
    await migrate({ db, migrationsDir, appUser, log: quiet });
    const again = await connectPostgres(asApp, pgClientConfig(asApp));
    await again.end();
  } finally {
    await dropDatabase(env, name).catch(() => {});
    await admin(`DROP ROLE IF EXISTS ${appUser}`);
  }
});

test('migrations keep a role the rotation function created first, and make it no more than the app role', async () => {
  const { name, db } = await freshDb();
  const appUser = `kc_app_${randomBytes(4).toString('hex')}`;
  const admin = (sql) => withDb(env, 'postgres', (c) => c.query(sql));
  await admin(`CREATE ROLE ${appUser} LOGIN PASSWORD '${randomBytes(8).toString('hex')}'`);
  try {
    await migrate({ db, migrationsDir, appUser, log: quiet });
    const grants = await withDb(env, name, (c) => c.query(
      `SELECT privilege_type FROM information_schema.role_table_grants
       WHERE grantee = '${appUser}' AND table_name = 'cards' ORDER BY 1`));
    assert.deepEqual(grants.rows.map((r) => r.privilege_type), ['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    assert.equal((await admin(`SELECT rolcanlogin FROM pg_roles WHERE rolname = '${appUser}'`)).rows[0].rolcanlogin, true);
  } finally {
    await dropDatabase(env, name).catch(() => {});
    await admin(`DROP ROLE IF EXISTS ${appUser}`);
  }
});

test('migrations run in numeric order, each once, across runs', async () => {
  const { name, db } = await freshDb();
  const dir = await dirWith({
    '0002_second.sql': 'INSERT INTO trail VALUES (2);',
    '0001_first.sql': 'CREATE TABLE trail (n int); INSERT INTO trail VALUES (1);',
  });
  assert.deepEqual((await migrate({ db, migrationsDir: dir, log: quiet })).applied, ['0001_first', '0002_second']);
  await writeFile(path.join(dir, '0003_third.sql'), 'INSERT INTO trail VALUES (3);');
  assert.deepEqual((await migrate({ db, migrationsDir: dir, log: quiet })).applied, ['0003_third']);
  const trail = await withDb(env, name, (c) => c.query('SELECT n FROM trail ORDER BY n'));
  assert.deepEqual(trail.rows.map((r) => r.n), [1, 2, 3]);
});

test('an edited, already-applied migration is refused', async () => {
  const { db } = await freshDb();
  const dir = await dirWith({ '0001_t.sql': 'CREATE TABLE t (n int);' });
  await migrate({ db, migrationsDir: dir, log: quiet });
  await writeFile(path.join(dir, '0001_t.sql'), 'CREATE TABLE t (n bigint);');
  await assert.rejects(migrate({ db, migrationsDir: dir, log: quiet }), /checksum mismatch for 0001_t\.sql/);
});

test('a failing migration is rolled back and not recorded; earlier ones stay', async () => {
  const { name, db } = await freshDb();
  const dir = await dirWith({
    '0001_ok.sql': 'CREATE TABLE ok (n int);',
    '0002_bad.sql': 'CREATE TABLE half (n int); SELECT * FROM no_such_table;',
  });
  await assert.rejects(migrate({ db, migrationsDir: dir, log: quiet }),
    /migration 0002_bad\.sql failed and was rolled back: relation "no_such_table" does not exist \(SQLSTATE 42P01\)/);
  await withDb(env, name, async (c) => {
    assert.deepEqual((await c.query('SELECT version FROM schema_migrations')).rows, [{ version: '0001' }]);
    assert.equal((await c.query("SELECT to_regclass('half') AS t")).rows[0].t, null);
  });
});

test('bad file names and duplicate versions are rejected before touching the database', async () => {
  await assert.rejects(readMigrations(await dirWith({ '1_x.sql': '' })), /bad migration file name "1_x.sql"/);
  await assert.rejects(readMigrations(await dirWith({ '0001_a.sql': '', '0001_b.sql': '' })),
    /duplicate migration version 0001/);
});

test('concurrent runners serialise on the advisory lock: each migration applied once', async () => {
  const { name, db } = await freshDb();
  // Slow migrations widen the race window; without the lock both runners
  // would try to create the table and insert the same version.
  const dir = await dirWith({
    '0001_slow.sql': 'SELECT pg_sleep(0.7); CREATE TABLE counter (n int); INSERT INTO counter VALUES (1);',
    '0002_slower.sql': 'SELECT pg_sleep(0.3); INSERT INTO counter VALUES (2);',
  });
  const logs = [[], [], []];
  const results = await Promise.all(logs.map((l) => migrate({ db, migrationsDir: dir, log: (m) => l.push(m) })));
  const appliedCounts = results.map((r) => r.applied.length).sort();
  assert.deepEqual(appliedCounts, [0, 0, 2]);
  assert.ok(logs.flat().some((m) => /holds the lock; waiting/.test(m)), 'someone waited for the lock');
  await withDb(env, name, async (c) => {
    assert.deepEqual((await c.query('SELECT n FROM counter ORDER BY n')).rows.map((r) => r.n), [1, 2]);
    assert.equal((await c.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n, 2);
  });
});

test('two `npm run migrate` processes at once both succeed', async () => {
  const { name } = await freshDb();
  const childEnv = { ...process.env, DB_NAME: name };
  const [a, b] = await Promise.all([
    run('npm', ['run', '--silent', 'migrate'], { cwd: appDir, env: childEnv }),
    run('npm', ['run', '--silent', 'migrate'], { cwd: appDir, env: childEnv }),
  ]);
  const out = a.stdout + b.stdout;
  assert.equal((out.match(/applied 0001_enable_vector\.sql/g) ?? []).length, 1, out);
  assert.match(out, /done, 0 applied, 3 already applied/);
});

test('`npm run migrate` exits 2 naming each bad variable', async () => {
  const { DB_HOST, DB_PASSWORD, ...rest } = process.env;
  await assert.rejects(run('npm', ['run', '--silent', 'migrate'], { cwd: appDir, env: { ...rest, DB_PORT: 'five' } }),
    (err) => {
      assert.equal(err.code, 2);
      assert.match(err.stderr, /DB_HOST is required/);
      assert.match(err.stderr, /DB_PASSWORD is required/);
      assert.match(err.stderr, /DB_PORT must be an integer port between 1 and 65535 \(got "five"\)/);
      return true;
    });
});

test('`npm run migrate` exits 1 with a clear, credential-free message when the database refuses it', async () => {
  await assert.rejects(run('npm', ['run', '--silent', 'migrate'], { cwd: appDir,
    env: { ...process.env, DB_PASSWORD: 'SENTINEL-password' } }), (err) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr, /migrate: FAILED: cannot migrate database: authentication failed \(28P01\)/);
    assert.ok(!err.stderr.includes('SENTINEL'));
    return true;
  });
});
