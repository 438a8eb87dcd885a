// The rotation function against a real PostgreSQL on loopback (TLS, started by
// scripts/rotation-test.sh) and a loopback fake Secrets Manager, through the real AWS SDK client.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import pg from 'pg';
import { createHandler, scramVerifier } from '../index.mjs';
import { FakeSecretsManager } from './fake-secrets-manager.mjs';

const need = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run scripts/rotation-test.sh`);
  return value;
};
const PG = {
  host: process.env.ROTATION_TEST_PG_HOST ?? 'localhost',
  port: Number(need('ROTATION_TEST_PG_PORT')),
  database: need('ROTATION_TEST_DB'),
  ca: need('ROTATION_TEST_CA'),
  otherCa: need('ROTATION_TEST_OTHER_CA'),
  master: { username: need('ROTATION_TEST_MASTER_USER'), password: need('ROTATION_TEST_MASTER_PASSWORD') },
};
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:';
const SESSION = `${ARN}kc-test/session-secret-AbC123`;
const APP_ROLE = `${ARN}kc-test/db-app-role-DeF456`;
const MASTER = `${ARN}rds!db-0123-GhI789`;
const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

let fake;
let role;

function handlerFor({ caFile = PG.ca } = {}) {
  return createHandler({
    secretsManager: new SecretsManagerClient({
      endpoint: fake.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    }),
    env: {
      SESSION_SECRET_ARN: SESSION,
      APP_ROLE_SECRET_ARN: APP_ROLE,
      MASTER_SECRET_ARN: MASTER,
      DB_HOST: PG.host,
      DB_PORT: String(PG.port),
      DB_NAME: PG.database,
      DB_APP_USER: role,
      DB_CA_FILE: caFile,
    },
  });
}

/** What Secrets Manager does for RotateSecret: label a new version AWSPENDING, run the steps. */
async function rotate(handler, arn, steps = STEPS) {
  const token = randomUUID();
  fake.startRotation(arn, token);
  for (const step of steps) await handler({ SecretId: arn, ClientRequestToken: token, Step: step });
  if (steps.includes('finishSecret')) fake.endRotation(arn, token);
  return token;
}

const value = (arn, token) => fake.opGetSecretValue({ SecretId: arn, VersionId: token }).SecretString;

async function logIn(creds) {
  const client = new pg.Client({
    host: PG.host, port: PG.port, database: PG.database, user: creds.username, password: creds.password,
    ssl: { ca: (await import('node:fs')).readFileSync(PG.ca, 'utf8') },
  });
  await client.connect();
  try {
    return (await client.query('SELECT current_user AS who')).rows[0].who;
  } finally {
    await client.end();
  }
}

async function asMaster(sql, params) {
  const client = new pg.Client({
    host: PG.host, port: PG.port, database: PG.database, user: PG.master.username, password: PG.master.password,
    ssl: { ca: (await import('node:fs')).readFileSync(PG.ca, 'utf8') },
  });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

before(async () => {
  fake = await new FakeSecretsManager().start();
});
after(() => fake.stop());
beforeEach(() => {
  // A fresh role and fresh secrets per test; created without a value, as the program does.
  role = `kc_app_${randomUUID().slice(0, 8)}`;
  fake.secrets.clear();
  fake.create(SESSION);
  fake.create(APP_ROLE);
  fake.create(MASTER);
  fake.put(MASTER, randomUUID(), JSON.stringify(PG.master));
});

describe('session secret', () => {
  test('the first rotation writes the first value of a secret created without one', async () => {
    const token = await rotate(handlerFor(), SESSION);
    assert.deepEqual(fake.stagesOf(SESSION, token), ['AWSCURRENT']);
    assert.match(value(SESSION, token), /^[A-Za-z0-9]{64}$/);
  });

  test('a later rotation replaces it and keeps the old value as AWSPREVIOUS', async () => {
    const handler = handlerFor();
    const first = await rotate(handler, SESSION);
    const second = await rotate(handler, SESSION);
    assert.equal(fake.current(SESSION), second);
    assert.deepEqual(fake.stagesOf(SESSION, first), ['AWSPREVIOUS']);
    assert.notEqual(value(SESSION, first), value(SESSION, second));
  });
});

describe('postgres-user secret, step by step', () => {
  test('createSecret writes AWSPENDING JSON with the contract keys, once', async () => {
    const handler = handlerFor();
    const token = randomUUID();
    fake.startRotation(APP_ROLE, token);
    await handler({ SecretId: APP_ROLE, ClientRequestToken: token, Step: 'createSecret' });
    const pending = JSON.parse(value(APP_ROLE, token));
    assert.deepEqual(Object.keys(pending).sort(), ['dbname', 'engine', 'host', 'masterarn', 'password', 'port', 'username']);
    assert.equal(pending.username, role);
    assert.equal(pending.masterarn, MASTER);
    assert.match(pending.password, /^[A-Za-z0-9]{32}$/);
    // A retried createSecret keeps the value it wrote.
    await handler({ SecretId: APP_ROLE, ClientRequestToken: token, Step: 'createSecret' });
    assert.equal(JSON.parse(value(APP_ROLE, token)).password, pending.password);
    assert.deepEqual(fake.stagesOf(APP_ROLE, token), ['AWSPENDING']);
  });

  test('setSecret creates the role NOLOGIN if missing, then gives it LOGIN and the password as SCRAM', async () => {
    const handler = handlerFor();
    const token = await rotate(handler, APP_ROLE, ['createSecret', 'setSecret']);
    const stored = await asMaster('SELECT rolcanlogin, rolpassword FROM pg_authid WHERE rolname = $1', [role]);
    assert.equal(stored.rows[0].rolcanlogin, true);
    assert.match(stored.rows[0].rolpassword, /^SCRAM-SHA-256\$4096:/);
    assert.equal(await logIn(JSON.parse(value(APP_ROLE, token))), role);
    // Not current yet: the app still reads the old value until finishSecret.
    assert.deepEqual(fake.stagesOf(APP_ROLE, token), ['AWSPENDING']);
  });

  test('setSecret keeps a role the migrations created, with its grants', async () => {
    await asMaster(`CREATE ROLE ${role} NOLOGIN`);
    await asMaster(`GRANT pg_read_all_data TO ${role}`);
    await rotate(handlerFor(), APP_ROLE, ['createSecret', 'setSecret']);
    const member = await asMaster(
      "SELECT pg_has_role($1, 'pg_read_all_data', 'MEMBER') AS granted", [role]);
    assert.equal(member.rows[0].granted, true);
  });

  test('testSecret logs in as the app role with the pending password, and fails with a wrong one', async () => {
    const handler = handlerFor();
    const token = await rotate(handler, APP_ROLE, ['createSecret', 'setSecret', 'testSecret']);
    await asMaster(`ALTER ROLE ${role} PASSWORD ${`'${scramVerifier('something-else')}'`}`);
    await assert.rejects(
      handler({ SecretId: APP_ROLE, ClientRequestToken: token, Step: 'testSecret' }),
      (err) => err.code === '28P01');
  });

  test('finishSecret makes the pending version AWSCURRENT; the full rotation repeats cleanly', async () => {
    const handler = handlerFor();
    const first = await rotate(handler, APP_ROLE);
    assert.equal(fake.current(APP_ROLE), first);
    const second = await rotate(handler, APP_ROLE);
    assert.deepEqual(fake.stagesOf(APP_ROLE, first), ['AWSPREVIOUS']);
    assert.equal(await logIn(JSON.parse(value(APP_ROLE, second))), role);
    await assert.rejects(logIn(JSON.parse(value(APP_ROLE, first))), (err) => err.code === '28P01');
  });
});

describe('a failed step leaves the current secret working', () => {
  test('setSecret without the master credential: current password still logs in, stays current', async () => {
    const handler = handlerFor();
    const current = await rotate(handler, APP_ROLE);
    fake.put(MASTER, randomUUID(), JSON.stringify({ ...PG.master, password: 'rotated-away' }));
    const token = randomUUID();
    fake.startRotation(APP_ROLE, token);
    await handler({ SecretId: APP_ROLE, ClientRequestToken: token, Step: 'createSecret' });
    await assert.rejects(handler({ SecretId: APP_ROLE, ClientRequestToken: token, Step: 'setSecret' }));
    assert.equal(fake.current(APP_ROLE), current);
    assert.equal(await logIn(JSON.parse(value(APP_ROLE, current))), role);
    // Secrets Manager retries the rotation; with the master secret readable again it completes.
    fake.put(MASTER, randomUUID(), JSON.stringify(PG.master));
    for (const step of ['setSecret', 'testSecret', 'finishSecret']) {
      await handler({ SecretId: APP_ROLE, ClientRequestToken: token, Step: step });
    }
    assert.equal(fake.current(APP_ROLE), token);
    assert.equal(await logIn(JSON.parse(value(APP_ROLE, token))), role);
  });

  test('a database whose certificate does not chain to the CA bundle is refused before any change', async () => {
    const current = await rotate(handlerFor(), APP_ROLE);
    const untrusting = handlerFor({ caFile: PG.otherCa });
    const token = randomUUID();
    fake.startRotation(APP_ROLE, token);
    await untrusting({ SecretId: APP_ROLE, ClientRequestToken: token, Step: 'createSecret' });
    await assert.rejects(
      untrusting({ SecretId: APP_ROLE, ClientRequestToken: token, Step: 'setSecret' }),
      /self[- ]signed|unable to verify|certificate/i);
    assert.equal(fake.current(APP_ROLE), current);
    assert.equal(await logIn(JSON.parse(value(APP_ROLE, current))), role);
  });

  test('a session rotation that fails before finishSecret leaves AWSCURRENT as it was', async () => {
    const handler = handlerFor();
    const current = await rotate(handler, SESSION);
    const token = await rotate(handler, SESSION, ['createSecret', 'setSecret', 'testSecret']);
    assert.equal(fake.current(SESSION), current);
    assert.deepEqual(fake.stagesOf(SESSION, token), ['AWSPENDING']);
  });
});

describe('what the function refuses', () => {
  test('a secret it does not rotate, even the master secret', async () => {
    await assert.rejects(
      handlerFor()({ SecretId: MASTER, ClientRequestToken: randomUUID(), Step: 'createSecret' }),
      /not a secret this function rotates/);
  });

  test('a token Secrets Manager did not stage as AWSPENDING', async () => {
    await assert.rejects(
      handlerFor()({ SecretId: SESSION, ClientRequestToken: randomUUID(), Step: 'createSecret' }),
      /has no stage for rotation/);
  });

  test('a secret whose rotation is disabled', async () => {
    fake.create(SESSION, { rotationEnabled: false });
    const token = randomUUID();
    fake.startRotation(SESSION, token);
    await assert.rejects(
      handlerFor()({ SecretId: SESSION, ClientRequestToken: token, Step: 'createSecret' }),
      /rotation is not enabled/);
  });
});

test('scramVerifier matches PostgreSQL: the server accepts a login with the password behind it', async () => {
  await asMaster(`CREATE ROLE ${role} LOGIN PASSWORD '${scramVerifier('pa55word-for-test')}'`);
  assert.equal(await logIn({ username: role, password: 'pa55word-for-test' }), role);
});
