// Session signing across a rotation of the session-signing secret. Secrets
// Manager is the loopback fake, reached through the real SDK; the clock is
// injected so the grace period can be crossed without waiting.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SIGNATURE_RECHECK_MS, SessionKeys, sessionCookie, signWith, verifyWith } from '../lib/session.mjs';
import { awsSdkEnv, fakeSecretsManager, serviceEnv } from './helpers.mjs';

const env = serviceEnv();
const ARN = `arn:aws:secretsmanager:${env.AWS_REGION}:123456789012:secret:kc/session-signing-AbCdEf`;
const REF = { arn: ARN, region: env.AWS_REGION };
const OLD = 'old-session-secret-0123456789abcdef';
const NEW = 'new-session-secret-fedcba9876543210';
const HOUR = 3600_000;
const T0 = Date.parse('2026-11-30T12:00:00Z');

let fake;
before(async () => {
  fake = await fakeSecretsManager(ARN, NEW, { previous: OLD, currentCreated: T0 });
  Object.assign(process.env, awsSdkEnv(fake.url));
});
after(() => fake?.close());

/** A task that started after the rotation: NEXTAUTH_SECRET is the new value. */
const newTask = (now, graceHours = 24) => new SessionKeys({ secret: NEW, secretRef: REF, graceHours, now: () => now });
/** A session issued before the rotation. */
const oldSession = (now) => signWith({ sub: 'user-42', iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 3600 * 48 }, OLD);

test('a token verifies with its key only, unexpired and untampered', () => {
  const now = T0;
  const t = signWith({ sub: 'u1', iat: now / 1000, exp: now / 1000 + 60 }, NEW);
  assert.equal(verifyWith(t, NEW, now)?.sub, 'u1');
  assert.equal(verifyWith(t, OLD, now), undefined, 'other key');
  assert.equal(verifyWith(t, NEW, now + 61_000), undefined, 'expired');
  const [v, claims, sig] = t.split('.');
  const forged = Buffer.from(JSON.stringify({ sub: 'admin', iat: now / 1000, exp: now / 1000 + 60 })).toString('base64url');
  assert.equal(verifyWith(`${v}.${forged}.${sig}`, NEW, now), undefined, 'claims changed');
  assert.equal(verifyWith(`${v}.${claims}`, NEW, now), undefined, 'no signature');
  assert.equal(sessionCookie(`a=1; kc_session=${t}; b=2`), t);
});

test('a session signed with the previous secret is accepted during the grace period', async () => {
  const before = fake.requests.length;
  const keys = newTask(T0 + 2 * HOUR);
  assert.equal((await keys.verify(oldSession(T0 - HOUR)))?.sub, 'user-42');
  // One re-read: both versions and the current version's CreatedDate.
  assert.deepEqual(fake.requests.slice(before).map((r) => r.target).sort(), ['secretsmanager.GetSecretValue',
    'secretsmanager.GetSecretValue', 'secretsmanager.ListSecretVersionIds']);
});

test('and rejected once the current version is older than the grace period', async () => {
  assert.equal(await newTask(T0 + 25 * HOUR).verify(oldSession(T0 - HOUR)), undefined);
  assert.equal(await newTask(T0 + 2 * HOUR, 1).verify(oldSession(T0 - HOUR)), undefined, 'SESSION_SECRET_GRACE_HOURS=1');
});

test('a task still on the old secret picks up the new one from a session signed with it', async () => {
  const now = T0 + HOUR;
  const oldTask = new SessionKeys({ secret: OLD, secretRef: REF, graceHours: 24, now: () => now });
  const fromNewTask = signWith({ sub: 'user-7', iat: now / 1000, exp: now / 1000 + 60 }, NEW);
  assert.equal((await oldTask.verify(fromNewTask))?.sub, 'user-7');
  // Signing after the keys were re-read uses the new secret.
  assert.equal(verifyWith(oldTask.sign('user-8'), NEW, now)?.sub, 'user-8');
});

test('bad signatures re-read the secret at most once per recheck interval', async () => {
  let now = T0 + HOUR;
  const keys = new SessionKeys({ secret: NEW, secretRef: REF, graceHours: 24, now: () => now });
  const forged = signWith({ sub: 'admin', iat: now / 1000, exp: now / 1000 + 60 }, 'guessed-secret');
  const before = fake.requests.length;
  for (let i = 0; i < 10; i++) assert.equal(await keys.verify(forged), undefined);
  assert.equal(fake.requests.length - before, 3, 'one re-read for ten forged tokens');
  now += SIGNATURE_RECHECK_MS + 1;
  assert.equal(await keys.verify(forged), undefined);
  assert.equal(fake.requests.length - before, 6, 'the next interval may re-read once more');
});

test('without SESSION_SECRET_ARN only NEXTAUTH_SECRET counts and Secrets Manager is never called', async () => {
  const before = fake.requests.length;
  const keys = new SessionKeys({ secret: NEW, secretRef: undefined, graceHours: 24, now: () => T0 });
  assert.equal(await keys.verify(oldSession(T0)), undefined);
  assert.equal((await keys.verify(keys.sign('u')))?.sub, 'u');
  assert.equal(fake.requests.length, before);
});

test('signing re-reads keys older than an hour, so no task keeps signing with a retired secret', async () => {
  let now = T0 + HOUR;
  // A task that started before the rotation and has only seen its own sessions since.
  const keys = new SessionKeys({ secret: OLD, secretRef: REF, graceHours: 24, now: () => now });
  assert.equal(verifyWith(keys.sign('u'), OLD, now)?.sub, 'u', 'the read happens in the background');
  const deadline = Date.now() + 5000;
  while (!verifyWith(keys.sign('u'), NEW, now) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
  assert.equal(verifyWith(keys.sign('u'), NEW, now)?.sub, 'u');
  const before = fake.requests.length;
  now += 30 * 60_000;
  keys.sign('u');
  assert.equal(fake.requests.length, before, 'keys younger than an hour are not re-read');
});

test('before the first rotation (no AWSPREVIOUS version) a re-read still finds the current key', async () => {
  const saved = fake.previous;
  fake.previous = undefined;
  try {
    const keys = new SessionKeys({ secret: OLD, secretRef: REF, graceHours: 24, now: () => T0 });
    const fromNew = signWith({ sub: 'u9', iat: T0 / 1000, exp: T0 / 1000 + 60 }, NEW);
    assert.equal((await keys.verify(fromNew))?.sub, 'u9');
  } finally {
    fake.previous = saved;
  }
});
