// DB_SECRET_ARN: readiness and `npm run migrate` survive an RDS password
// rotation without a restart. The rotation is a real ALTER ROLE ... PASSWORD on
// the test PostgreSQL; Secrets Manager is a loopback fake speaking its JSON
// protocol, reached through the real AWS SDK (AWS_ENDPOINT_URL_SECRETS_MANAGER).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readiness } from '../lib/checks.mjs';
import { awsSdkEnv, closedPort, createDatabase, createRotatingRole, dropDatabase, fakeSecretsManager,
  serviceEnv } from './helpers.mjs';

const appDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = serviceEnv();
const ARN = `arn:aws:secretsmanager:${env.AWS_REGION}:123456789012:secret:rds!db-0b1c2d3e-kc-rotation-test-AbCdEf`;

let role; // the "master user" whose password rotates
let dbName;
let fake;
/** Every password the role has had; none may ever appear in output. */
const passwords = [];
/** The environment ECS injected when the task started: the first password. */
let startEnv;

before(async () => {
  role = await createRotatingRole(env, 'kc_rot');
  passwords.push(role.initial);
  dbName = await createDatabase(env, 'kc_rotation');
  fake = await fakeSecretsManager(ARN, { username: role.name, password: role.initial, engine: 'postgres' });
  // The SDK in this process reads its endpoint and keys from process.env.
  Object.assign(process.env, awsSdkEnv(fake.url));
  startEnv = { ...env, DB_NAME: dbName, DB_USER: role.name, DB_PASSWORD: role.initial, DB_SECRET_ARN: ARN };
});

after(async () => {
  await fake?.close();
  if (dbName) await dropDatabase(env, dbName);
  await role?.drop();
});

/** RDS rotation: the database password changes and the secret follows. */
async function rotate({ updateSecret = true } = {}) {
  const next = await role.rotate();
  passwords.push(next);
  if (updateSecret) fake.value = { ...fake.value, password: next };
  return next;
}

function assertCredentialFree(text) {
  for (const p of passwords) assert.ok(!text.includes(p), `a password leaked into: ${text}`);
  assert.ok(!text.includes(role.name), `the user name leaked into: ${text}`);
  assert.ok(!/\n\s+at /.test(text), `stack trace leaked into: ${text}`);
}

/** `npm run migrate` as the ECS migration task runs it; resolves { code, stdout, stderr }. */
function npmMigrate(extraEnv) {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'migrate'], { cwd: appDir, env: { ...process.env, ...extraEnv } },
      (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stdout, stderr }));
  });
}

test('before any rotation the injected credentials are used and Secrets Manager is not called', async () => {
  const m = await npmMigrate(startEnv);
  assert.equal(m.code, 0, m.stdout + m.stderr);
  assert.match(m.stdout, /applied 0001_enable_vector\.sql/);
  const { status, body } = await readiness(startEnv);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(fake.requests.length, 0);
});

test('after a rotation readiness fetches the new password once, retries, and then uses the cached one', async () => {
  await rotate();
  const first = await readiness(startEnv);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.deepEqual(fake.requests, [{ target: 'secretsmanager.GetSecretValue', secretId: ARN, region: env.AWS_REGION }]);
  const again = await readiness(startEnv);
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.equal(fake.requests.length, 1, 'the fetched password is cached');

  await rotate();
  const second = await readiness(startEnv);
  assert.equal(second.status, 200, JSON.stringify(second.body));
  assert.equal(fake.requests.length, 2, 'a second rotation is picked up the same way');
});

test('concurrent checks rejected by the same rotation share one Secrets Manager request', async () => {
  await rotate();
  const before = fake.requests.length;
  const results = await Promise.all([readiness(startEnv), readiness(startEnv), readiness(startEnv)]);
  for (const r of results) assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(fake.requests.length, before + 1);
});

test('`npm run migrate` started with a rotated-away password fetches the current one and succeeds', async () => {
  const before = fake.requests.length;
  const m = await npmMigrate(startEnv);
  assert.equal(m.code, 0, m.stdout + m.stderr);
  assert.match(m.stdout, /done, 0 applied, 3 already applied/);
  assert.match(m.stdout, /password was rejected \(28P01\); retrying with the current value of DB_SECRET_ARN/);
  assert.equal(fake.requests.length, before + 1);
  assertCredentialFree(m.stdout + m.stderr);
});

test('with DB_SECRET_ARN unset a rejected password is reported and Secrets Manager is never called', async () => {
  const { DB_SECRET_ARN, ...noArn } = startEnv;
  const before = fake.requests.length;
  const { status, body } = await readiness(noArn);
  assert.equal(status, 503);
  assert.equal(body.checks.postgres.error, 'authentication failed (28P01)');
  const m = await npmMigrate(noArn);
  assert.equal(m.code, 1);
  assert.match(m.stderr, /cannot migrate database: authentication failed \(28P01\)$/m);
  assert.equal(fake.requests.length, before, 'no request reached Secrets Manager');
  assertCredentialFree(JSON.stringify(body) + m.stdout + m.stderr);
});

test('mid-rotation (database changed, secret not yet): one fetch, no pointless retry, 28P01 reported', async () => {
  await rotate({ updateSecret: false });
  const before = fake.requests.length;
  const { status, body } = await readiness(startEnv);
  assert.equal(status, 503);
  assert.equal(body.checks.postgres.error, 'authentication failed (28P01)');
  assert.equal(fake.requests.length, before + 1);
  fake.value = { ...fake.value, password: passwords.at(-1) }; // the rotation completes
  assert.equal((await readiness(startEnv)).status, 200);
});

test('a secret without username/password is reported without its content', async () => {
  await rotate({ updateSecret: false });
  fake.value = { user: role.name, pass: passwords.at(-1) };
  const { status, body } = await readiness(startEnv);
  assert.equal(status, 503);
  assert.equal(body.checks.postgres.error,
    'authentication failed (28P01); DB_SECRET_ARN does not hold JSON with "username" and "password"');
  assertCredentialFree(JSON.stringify(body));
  fake.value = { username: role.name, password: passwords.at(-1) };
});

test('Secrets Manager unreachable after a rotation: 503 and exit 1, naming the cause without credentials', async () => {
  const refused = `http://127.0.0.1:${await closedPort()}`;
  await rotate();
  await fake.close(); // the SDK client of this process now gets connection refused
  const { status, body } = await readiness(startEnv);
  assert.equal(status, 503);
  assert.equal(body.error, 'postgres: authentication failed (28P01); '
    + 'cannot fetch DB_SECRET_ARN from Secrets Manager (ECONNREFUSED)');
  assert.equal(body.checks.redis.status, 'ok');
  assertCredentialFree(JSON.stringify(body));

  const m = await npmMigrate({ ...startEnv, ...awsSdkEnv(refused) });
  assert.equal(m.code, 1, m.stdout + m.stderr);
  assert.match(m.stderr, /migrate: FAILED: cannot migrate database: authentication failed \(28P01\); cannot fetch DB_SECRET_ARN from Secrets Manager \(ECONNREFUSED\)/);
  assertCredentialFree(m.stdout + m.stderr);
});
