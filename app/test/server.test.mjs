// The production server as the image runs it: the runner stage's
// `COPY --from=builder` lines are replayed from the real Dockerfile onto the
// output of `next build`, then start.mjs runs as an unprivileged user with
// only .next/cache and /tmp writable (ECS readonlyRootFilesystem).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmod, chown, cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import { signWith } from '../lib/session.mjs';
import { awsSdkEnv, blackHole, closedPort, createDatabase, createRotatingRole, dropDatabase, fakeSecretsManager,
  serviceEnv, withDb } from './helpers.mjs';

const appDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dockerfilePath = path.join(appDir, '..', 'Dockerfile');
const env = serviceEnv();
const isRoot = process.getuid?.() === 0;
// As root, drop to nobody so file permissions really bite (root ignores them).
const APP_UID = 65534;
const APP_GID = 65534;

let image; // the assembled /app
let tmp; // stands in for the writable /tmp volume
let dbName;
let snapshotBefore;

/** Replays the runner stage's COPY --from=builder lines (WORKDIR /app). */
async function assembleRunnerLayout(out) {
  const standalone = path.join(appDir, '.next', 'standalone', 'server.js');
  await stat(standalone).catch(() => {
    throw new Error('no .next/standalone/server.js: run `npm run build` first');
  });
  const dockerfile = DockerfileParser.parse(await readFile(dockerfilePath, 'utf8'));
  const froms = dockerfile.getFROMs();
  const runner = froms.at(-1);
  const startLine = runner.getRange().start.line;
  const stage = dockerfile.getInstructions().filter((i) => i.getRange().start.line > startLine);
  const workdirs = stage.filter((i) => i.getKeyword() === 'WORKDIR').map((i) => i.getArgumentsContent());
  assert.deepEqual(workdirs, ['/app'], 'runner stage must use WORKDIR /app');
  // The CA bundle the image downloads (checksum-pinned, so the lint passes it):
  // the test CA stands in for it at the same place, which DB_CA_FILE points at.
  const downloads = stage.filter((i) => i.getKeyword() === 'ADD'
    && i.getArguments().some((a) => /^https:\/\//.test(a.getValue())));
  assert.deepEqual(downloads.map((i) => i.getArguments().map((a) => a.getValue())),
    [['https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem', '/app/certs/rds-global-bundle.pem']]);
  // Downloads are created 0600 and root-owned: the app user (not root) must be able to read it.
  const chmod = /** @type {any} */ (downloads[0]).getFlags().find((f) => f.getName() === 'chmod')?.getValue();
  assert.ok(chmod && (parseInt(chmod, 8) & 0o004), `the bundle must be world-readable (--chmod), got ${chmod}`);
  await mkdir(path.join(out, 'certs'), { recursive: true });
  await cp(process.env.KC_TEST_TLS_CA ?? '', path.join(out, 'certs', 'rds-global-bundle.pem'));
  const copies = stage.filter((i) => (i.getKeyword() === 'COPY' || i.getKeyword() === 'ADD') && !downloads.includes(i));
  assert.ok(copies.length >= 4, 'runner stage copies the build output');
  for (const ins of copies) {
    const from = ins.getKeyword() === 'COPY' ? ins.getFromFlag()?.getValue() : undefined;
    const [src, dest, ...extra] = ins.getArguments().map((a) => a.getValue());
    assert.ok(from === 'builder' && src?.startsWith('/app/') && dest?.startsWith('./') && extra.length === 0,
      `cannot replay "${ins.toString()}": keep runner copies as COPY --from=builder /app/<src> ./<dest>`);
    await cp(path.join(appDir, src.slice('/app/'.length)), path.join(out, dest), { recursive: true });
  }
  await mkdir(path.join(out, '.next', 'cache'), { recursive: true });
}

/** Every path and its mtime/size, except the writable cache. */
async function snapshot(dir, rel = '') {
  const entries = {};
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const p = path.join(rel, e.name);
    if (p === path.join('.next', 'cache')) continue;
    const s = await stat(path.join(dir, p));
    entries[p] = `${s.size}:${s.mtimeMs}`;
    if (e.isDirectory()) Object.assign(entries, await snapshot(dir, p));
  }
  return entries;
}

/** Make the image read-only except .next/cache, like readonlyRootFilesystem. */
async function lockDown(dir) {
  const walk = async (p) => {
    const s = await stat(p);
    if (s.isDirectory()) {
      for (const e of await readdir(p)) await walk(path.join(p, e));
      await chmod(p, 0o555);
    } else {
      await chmod(p, s.mode & 0o555);
    }
  };
  await walk(dir);
  const cache = path.join(dir, '.next', 'cache');
  await chmod(cache, 0o755);
  if (isRoot) await chown(cache, APP_UID, APP_GID);
}

function runAsApp(cmd, args, extraEnv) {
  return spawn(cmd, args, {
    cwd: image,
    env: {
      PATH: process.env.PATH, HOME: '/nonexistent', TMPDIR: tmp,
      NPM_CONFIG_CACHE: path.join(tmp, '.npm'), NPM_CONFIG_UPDATE_NOTIFIER: 'false',
      ...env, NODE_ENV: 'production', DB_NAME: dbName, DB_CA_FILE: path.join(image, 'certs', 'rds-global-bundle.pem'),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(isRoot ? { uid: APP_UID, gid: APP_GID } : {}),
  });
}

function collect(child) {
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => { out.stdout += d; });
  child.stderr.on('data', (d) => { out.stderr += d; });
  return out;
}

async function startServer(extraEnv = {}) {
  const port = await closedPort();
  const child = runAsApp(process.execPath, ['start.mjs'], { PORT: String(port), LISTEN_HOST: '127.0.0.1', ...extraEnv });
  const out = collect(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${out.stderr}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`server did not start: ${out.stdout}${out.stderr}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  return { child, out, base };
}

async function stopServer(child) {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

before(async () => {
  image = await mkdtemp(path.join(os.tmpdir(), 'kc-image-'));
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kc-tmpvol-'));
  await chmod(image, 0o755);
  await chmod(tmp, 0o1777);
  await assembleRunnerLayout(image);
  await lockDown(image);
  snapshotBefore = await snapshot(image);
  dbName = await createDatabase(env, 'kc_server');
});

after(async () => {
  if (image) {
    await chmod(image, 0o755);
    await execFilePromise('chmod', ['-R', 'u+w', image]);
    await rm(image, { recursive: true, force: true });
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
  if (dbName) await dropDatabase(env, dbName);
});

function execFilePromise(cmd, args) {
  return new Promise((res, rej) => execFile(cmd, args, (err) => (err ? rej(err) : res())));
}

test('image layout: standalone server, static assets, public, migrator', async () => {
  for (const p of ['server.js', 'start.mjs', 'package.json', 'public/robots.txt', 'lib/config.mjs',
    'certs/rds-global-bundle.pem', 'node_modules/@smithy/signature-v4/package.json', 'node_modules/bullmq/package.json',
    'node_modules/@aws-sdk/credential-provider-node/package.json',
    'scripts/migrate.mjs', 'migrations/0001_enable_vector.sql', 'node_modules/pg/package.json',
    'node_modules/ioredis/package.json', 'node_modules/@aws-sdk/client-secrets-manager/package.json',
    '.next/BUILD_ID']) {
    await stat(path.join(image, p));
  }
  const statics = await readdir(path.join(image, '.next', 'static'));
  assert.ok(statics.includes('chunks'), '.next/static copied');
  const pkg = JSON.parse(await readFile(path.join(image, 'package.json'), 'utf8'));
  assert.equal(pkg.scripts.migrate, 'node scripts/migrate.mjs');
});

test('`npm run migrate` works in the image layout on a read-only filesystem', async () => {
  const child = runAsApp('npm', ['run', 'migrate']);
  const out = collect(child);
  const [code] = await once(child, 'exit');
  assert.equal(code, 0, out.stdout + out.stderr);
  assert.match(out.stdout, /applied 0001_enable_vector\.sql/);
});

test('server: /api/health, /api/health/ready, static files; nothing written outside cache and /tmp', async () => {
  const { child, out, base } = await startServer();
  try {
    const health = await fetch(`${base}/api/health`);
    assert.equal(health.status, 200);
    assert.match(health.headers.get('cache-control') ?? '', /no-store/);
    const body = await health.json();
    assert.deepEqual(Object.keys(body).sort(), ['status', 'timestamp']);
    assert.equal(body.status, 'ok');
    assert.ok(Math.abs(body.timestamp - Date.now()) < 60_000);

    const ready = await fetch(`${base}/api/health/ready`);
    const readyBody = await ready.json();
    assert.equal(ready.status, 200, JSON.stringify(readyBody));
    assert.equal(readyBody.checks.postgres.status, 'ok');
    assert.equal(readyBody.checks.redis.status, 'ok');

    const home = await fetch(`${base}/`);
    assert.equal(home.status, 200);
    const html = await home.text();
    const chunk = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    assert.ok(chunk, 'page references a static chunk');
    assert.equal((await fetch(`${base}${chunk}`)).status, 200);
    assert.equal((await fetch(`${base}/robots.txt`)).status, 200);
    assert.equal((await fetch(`${base}/no-such-page`)).status, 404);
  } finally {
    await stopServer(child);
  }
  assert.equal(child.exitCode, 0, out.stderr);
  assert.doesNotMatch(out.stderr, /EACCES|EROFS|read-only/i);
  assert.deepEqual(await snapshot(image), snapshotBefore, 'the image directory changed at run time');
});

test('image: server and `npm run migrate` re-read DB_SECRET_ARN after a password rotation', async () => {
  // Proves the Secrets Manager client is in the traced standalone node_modules
  // and loads from both the bundled route and the plain-node migrator.
  const role = await createRotatingRole(env, 'kc_rot_img');
  const arn = `arn:aws:secretsmanager:${env.AWS_REGION}:123456789012:secret:rds!db-kc-image-test-AbCdEf`;
  const fake = await fakeSecretsManager(arn, { username: role.name, password: role.initial });
  const started = { DB_USER: role.name, DB_PASSWORD: role.initial, DB_SECRET_ARN: arn, ...awsSdkEnv(fake.url) };
  try {
    const { child, out, base } = await startServer(started);
    try {
      assert.equal((await fetch(`${base}/api/health/ready`)).status, 200);
      assert.equal(fake.requests.length, 0);
      const rotated = await role.rotate();
      fake.value = { username: role.name, password: rotated };
      const r = await fetch(`${base}/api/health/ready`);
      const body = await r.json();
      assert.equal(r.status, 200, JSON.stringify(body) + out.stderr);
      assert.equal(fake.requests.length, 1);
    } finally {
      await stopServer(child);
    }
    assert.ok(!(out.stdout + out.stderr).includes(role.initial), 'password in server output');

    const migrateRun = runAsApp('npm', ['run', 'migrate'], started);
    const m = collect(migrateRun);
    const [code] = await once(migrateRun, 'exit');
    assert.equal(code, 0, m.stdout + m.stderr);
    assert.equal(fake.requests.length, 2);
  } finally {
    await fake.close();
    await role.drop();
  }
});

test('server: readiness 503 over HTTP names redis when Redis is down', async () => {
  const { child, base } = await startServer({ REDIS_PORT: String(await closedPort()) });
  try {
    const r = await fetch(`${base}/api/health/ready`);
    assert.equal(r.status, 503);
    const body = await r.json();
    assert.equal(body.status, 'error');
    assert.match(body.error, /^redis: connection refused/);
    assert.ok(!JSON.stringify(body).includes(env.DB_PASSWORD));
    // Liveness stays green: a dependency outage must not get tasks killed.
    assert.equal((await fetch(`${base}/api/health`)).status, 200);
  } finally {
    await stopServer(child);
  }
});

test('server: Redis over TLS with IAM AUTH when the CA is trusted', async () => {
  const { child, base } = await startServer({ REDIS_TLS: 'true', REDIS_PORT: process.env.KC_TEST_REDIS_TLS_PORT,
    NODE_EXTRA_CA_CERTS: process.env.KC_TEST_TLS_CA });
  try {
    const r = await fetch(`${base}/api/health/ready`);
    const body = await r.json();
    assert.equal(r.status, 200, JSON.stringify(body));
  } finally {
    await stopServer(child);
  }
});

test('server: SIGTERM finishes the in-flight request, refuses new ones and exits 0', async () => {
  const hole = await blackHole();
  // Readiness against a black hole takes the full 2 s check timeout: a real,
  // slow in-flight request.
  const { child, out, base } = await startServer({ REDIS_PORT: String(hole.port) });
  try {
    const started = Date.now();
    const inflight = fetch(`${base}/api/health/ready`);
    await new Promise((res) => setTimeout(res, 300));
    child.kill('SIGTERM');
    const res = await inflight;
    const body = await res.json();
    assert.equal(res.status, 503);
    assert.match(body.checks.redis.error, /timed out/);
    await new Promise((res) => setTimeout(res, 100));
    await assert.rejects(fetch(`${base}/api/health`), 'no new connections once draining');
    const [code, signal] = child.exitCode !== null ? [child.exitCode, null] : await once(child, 'exit');
    const took = Date.now() - started;
    assert.equal(signal, null);
    assert.equal(code, 0, out.stderr);
    assert.ok(took < 25_000, `shutdown took ${took} ms`);
    assert.match(out.stdout, /SIGTERM received/);
  } finally {
    await stopServer(child);
    await hole.close();
  }
});

test('server: validates as production even when NODE_ENV says otherwise (server.js forces production)', async () => {
  const child = runAsApp(process.execPath, ['start.mjs'], { PORT: String(await closedPort()),
    NODE_ENV: 'development', NEXTAUTH_SECRET: '' });
  const out = collect(child);
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(out.stderr, /NEXTAUTH_SECRET is required/);
});

test('server: refuses to start on invalid configuration, naming each variable', async () => {
  const child = runAsApp(process.execPath, ['start.mjs'], { PORT: String(await closedPort()), DB_HOST: '',
    REDIS_TLS: 'maybe', NEXTAUTH_SECRET: '' });
  const out = collect(child);
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(out.stderr, /refusing to start/);
  assert.match(out.stderr, /DB_HOST is required/);
  assert.match(out.stderr, /REDIS_TLS must be "true" or "false" \(got "maybe"\)/);
  assert.match(out.stderr, /NEXTAUTH_SECRET is required/);
});

test('server: a session signed with the previous session secret is accepted during the grace period, not after', async () => {
  const arn = `arn:aws:secretsmanager:${env.AWS_REGION}:123456789012:secret:kc/session-AbCdEf`;
  const [oldKey, newKey] = ['old-session-key-0123456789abcdef', 'new-session-key-fedcba9876543210'];
  const fake = await fakeSecretsManager(arn, newKey, { previous: oldKey, currentCreated: Date.now() - 3600_000 });
  const now = Math.floor(Date.now() / 1000);
  const cookie = (key) => `kc_session=${signWith({ sub: 'user-42', iat: now, exp: now + 3600 }, key)}`;
  // The task started after the rotation: NEXTAUTH_SECRET is the new value.
  const taskEnv = { NEXTAUTH_SECRET: newKey, SESSION_SECRET_ARN: arn, ...awsSdkEnv(fake.url) };
  try {
    for (const [graceHours, expected] of [['24', 200], ['1', 401]]) {
      const { child, base } = await startServer({ ...taskEnv, SESSION_SECRET_GRACE_HOURS: graceHours });
      try {
        const r = await fetch(`${base}/api/session`, { headers: { cookie: cookie(oldKey) } });
        assert.equal(r.status, expected, `grace ${graceHours} h, current version 1 h old`);
        if (expected === 200) assert.equal((await r.json()).sub, 'user-42');
        assert.equal((await fetch(`${base}/api/session`, { headers: { cookie: cookie(newKey) } })).status, 200);
        assert.equal((await fetch(`${base}/api/session`, { headers: { cookie: cookie('forged') } })).status, 401);
        assert.equal((await fetch(`${base}/api/session`)).status, 401);
      } finally {
        await stopServer(child);
      }
    }
  } finally {
    await fake.close();
  }
});

test('server: as the app role, cards are created and embedded by the in-process worker, across a password rotation', async () => {
  // The role `npm run migrate` created above (DB_APP_USER default), given a
  // password as the rotation function's setSecret step does.
  const appRole = 'knowledge_card_app';
  const admin = (sql) => withDb(env, 'postgres', (c) => c.query(sql));
  const password = () => randomBytes(16).toString('hex');
  const first = password();
  await admin(`ALTER ROLE ${appRole} LOGIN PASSWORD '${first}'`);
  const arn = `arn:aws:secretsmanager:${env.AWS_REGION}:123456789012:secret:kc/db-app-AbCdEf`;
  const fake = await fakeSecretsManager(arn, { username: appRole, password: first });
  const { child, out, base } = await startServer({ DB_USER: appRole, DB_PASSWORD: first, DB_SECRET_ARN: arn,
    ...awsSdkEnv(fake.url) });
  try {
    const now = Math.floor(Date.now() / 1000);
    const cookie = `kc_session=${signWith({ sub: 'user-1', iat: now, exp: now + 3600 }, env.NEXTAUTH_SECRET)}`;
    const post = (headers, title) => fetch(`${base}/api/cards`, { method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ title, body: 'Secrets rotate; sessions survive.' }) });
    const embedded = async (title) => {
      const created = await post({ cookie }, title);
      assert.equal(created.status, 202, out.stderr);
      const { id } = await created.json();
      const deadline = Date.now() + 20_000;
      let card;
      do {
        await new Promise((res) => setTimeout(res, 200));
        card = await (await fetch(`${base}/api/cards/${id}`, { headers: { cookie } })).json();
      } while (!card.embedded && Date.now() < deadline);
      assert.deepEqual(card, { id, title, embedded: true });
    };
    assert.equal((await post({}, 'no session')).status, 401, 'no session, no card');
    await embedded('Before rotation');
    assert.equal(fake.requests.length, 0);
    // The app role's password rotates (database first, then the secret).
    const second = password();
    await admin(`ALTER ROLE ${appRole} PASSWORD '${second}'`);
    fake.value = { username: appRole, password: second };
    await embedded('After rotation');
    // The route and the worker share one credential: one re-read for the process.
    assert.equal(fake.requests.length, 1);
  } finally {
    await stopServer(child);
    await fake.close();
  }
  assert.equal(child.exitCode, 0, out.stderr);
  assert.ok(!(out.stdout + out.stderr).includes(first), 'password in server output');
});
