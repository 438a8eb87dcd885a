import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, DEFAULT_DB_CA_FILE, loadConfig, loadMigrateConfig } from '../lib/config.mjs';

// Config only checks that the bundle is a readable PEM with a certificate.
const caDir = mkdtempSync(path.join(os.tmpdir(), 'kc-config-ca-'));
const CA_FILE = path.join(caDir, 'bundle.pem');
writeFileSync(CA_FILE, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const NOT_PEM = path.join(caDir, 'not.pem');
writeFileSync(NOT_PEM, 'hello');

/** The production task's environment per the runtime contract. */
const valid = {
  NODE_ENV: 'production',
  DB_HOST: 'db.internal', DB_NAME: 'knowledge_cards', DB_USER: 'kc', DB_PASSWORD: 's3cret-db-pass',
  DB_SSL: 'verify-full', DB_CA_FILE: CA_FILE,
  REDIS_HOST: 'cache.internal', REDIS_AUTH_MODE: 'iam', REDIS_USER: 'kc-app', REDIS_CACHE_NAME: 'kc-prod-cache',
  MEDIA_BUCKET: 'kc-media-prod', AWS_REGION: 'eu-west-1', PUBLIC_URL: 'https://cards.example.org',
  NEXTAUTH_SECRET: 's3cret-nextauth',
};

/** The ConfigError thrown for env, or a failed assertion. */
function problemsOf(fn, env) {
  try {
    fn(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${err}`);
    return err;
  }
  assert.fail('expected a ConfigError');
}

test('defaults follow the contract', () => {
  const { DB_SSL, REDIS_AUTH_MODE, ...defaulted } = valid;
  const c = loadConfig(defaulted);
  assert.equal(c.port, 3000);
  assert.deepEqual({ ...c.db, ca: c.db.ca?.slice(0, 27) }, { host: 'db.internal', port: 5432,
    database: 'knowledge_cards', user: 'kc', password: 's3cret-db-pass', ssl: 'verify-full', caFile: CA_FILE,
    ca: '-----BEGIN CERTIFICATE-----' });
  assert.deepEqual(c.redis, { host: 'cache.internal', port: 6379, tls: true, authMode: 'iam', user: 'kc-app',
    cacheName: 'kc-prod-cache', region: 'eu-west-1' });
  assert.deepEqual(c.session, { secret: 's3cret-nextauth', secretRef: undefined, graceHours: 24 });
  assert.equal(c.nodeEnv, 'production');
});

test('the CA bundle defaults to the one the image ships', () => {
  const { DB_CA_FILE, ...rest } = valid;
  assert.equal(DEFAULT_DB_CA_FILE, '/app/certs/rds-global-bundle.pem');
  const err = problemsOf(loadConfig, rest);
  assert.deepEqual(err.variables, ['DB_CA_FILE']);
  assert.match(err.message, /DB_CA_FILE cannot be read \(ENOENT\) \(got "\/app\/certs\/rds-global-bundle\.pem"\)/);
});

test('explicit values are parsed', () => {
  const c = loadConfig({ ...valid, NODE_ENV: 'development', PORT: '8080', DB_PORT: '6543', DB_SSL: 'disable',
    DB_CA_FILE: '/nonexistent', REDIS_PORT: '6380', REDIS_TLS: 'false', REDIS_AUTH_MODE: 'none', REDIS_USER: '',
    SESSION_SECRET_GRACE_HOURS: '48' });
  assert.equal(c.port, 8080);
  assert.equal(c.db.port, 6543);
  assert.equal(c.db.ssl, 'disable');
  assert.equal(c.db.ca, undefined, 'no bundle is read without TLS');
  assert.equal(c.redis.port, 6380);
  assert.equal(c.redis.tls, false);
  assert.equal(c.redis.authMode, 'none');
  assert.equal(c.redis.user, undefined);
  assert.equal(c.session.graceHours, 48);
});

test('every missing variable is named in one message', () => {
  const err = problemsOf(loadConfig, { NODE_ENV: 'production', DB_CA_FILE: CA_FILE });
  for (const name of ['DB_HOST', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'REDIS_HOST', 'REDIS_USER', 'REDIS_CACHE_NAME',
    'MEDIA_BUCKET', 'AWS_REGION', 'PUBLIC_URL', 'NEXTAUTH_SECRET']) {
    assert.match(err.message, new RegExp(`- ${name} is required but is missing or empty`));
  }
  assert.equal(err.problems.length, 11);
  assert.match(err.message, /^Invalid configuration \(11 problems\)/);
});

test('production refuses an unverified database and an unauthenticated Redis', () => {
  const err = problemsOf(loadConfig, { ...valid, DB_SSL: 'disable', REDIS_AUTH_MODE: 'none' });
  assert.deepEqual(err.variables, ['DB_SSL', 'REDIS_AUTH_MODE']);
  assert.match(err.message, /DB_SSL must be verify-full in production \(got "disable"\)/);
  assert.match(err.message, /REDIS_AUTH_MODE must be iam in production \(got "none"\)/);
});

test('the old insecure settings are not accepted any more', () => {
  const err = problemsOf(loadConfig, { ...valid, DB_SSL: 'true' });
  assert.match(err.message, /DB_SSL must be one of verify-full, disable \(got "true"\)/);
});

test('Redis IAM names, the CA bundle and the grace period are checked', () => {
  const err = problemsOf(loadConfig, { ...valid, REDIS_CACHE_NAME: 'KC_Prod', REDIS_USER: 'kc app',
    DB_CA_FILE: NOT_PEM, SESSION_SECRET_GRACE_HOURS: '0', REDIS_AUTH_MODE: 'password' });
  assert.deepEqual(err.variables.sort(), ['DB_CA_FILE', 'REDIS_AUTH_MODE', 'REDIS_CACHE_NAME', 'REDIS_USER',
    'SESSION_SECRET_GRACE_HOURS']);
  const err2 = problemsOf(loadConfig, { ...valid, REDIS_CACHE_NAME: 'KC_Prod', REDIS_USER: 'kc app',
    SESSION_SECRET_GRACE_HOURS: '721' });
  assert.deepEqual(err2.variables.sort(), ['REDIS_CACHE_NAME', 'REDIS_USER', 'SESSION_SECRET_GRACE_HOURS']);
  assert.match(err.message, /DB_CA_FILE must be a PEM file with at least one certificate/);
  assert.match(err2.message, /SESSION_SECRET_GRACE_HOURS must be a whole number of hours between 1 and 720 \(got "721"\)/);
});

test('empty strings count as missing', () => {
  const err = problemsOf(loadConfig, { ...valid, DB_HOST: '  ', DB_PASSWORD: '' });
  assert.deepEqual(err.variables, ['DB_HOST', 'DB_PASSWORD']);
});

test('malformed values are named with the offending value', () => {
  const err = problemsOf(loadConfig, { ...valid, PORT: '80a', DB_PORT: '70000', DB_SSL: 'yes',
    REDIS_TLS: 'TRUE', PUBLIC_URL: 'ftp://cards.example.org', AWS_REGION: 'Europe', MEDIA_BUCKET: 'Bad_Bucket',
    NODE_ENV: 'staging' });
  assert.deepEqual(err.variables.sort(), ['AWS_REGION', 'DB_PORT', 'DB_SSL', 'MEDIA_BUCKET', 'NODE_ENV',
    'PORT', 'PUBLIC_URL', 'REDIS_TLS']);
  assert.match(err.message, /PORT must be an integer port between 1 and 65535 \(got "80a"\)/);
  assert.match(err.message, /DB_SSL must be one of verify-full, disable \(got "yes"\)/);
  assert.match(err.message, /PUBLIC_URL must be an absolute http\(s\) URL \(got "ftp:\/\/cards.example.org"\)/);
  assert.match(err.message, /NODE_ENV must be one of production, development, test/);
});

test('PUBLIC_URL must parse as a URL', () => {
  const err = problemsOf(loadConfig, { ...valid, PUBLIC_URL: 'cards.example.org' });
  assert.deepEqual(err.variables, ['PUBLIC_URL']);
  assert.equal(loadConfig({ ...valid, PUBLIC_URL: 'http://localhost:3000' }).publicUrl, 'http://localhost:3000');
});

test('NEXTAUTH_SECRET is required only in production', () => {
  const { NEXTAUTH_SECRET, ...rest } = valid;
  assert.deepEqual(problemsOf(loadConfig, rest).variables, ['NEXTAUTH_SECRET']);
  assert.equal(loadConfig({ ...rest, NODE_ENV: 'development' }).nextAuthSecret, undefined);
  assert.equal(loadConfig({ ...rest, NODE_ENV: 'test' }).nextAuthSecret, undefined);
});

test('secret values never appear in messages', () => {
  // DB_PASSWORD etc. are only ever checked for presence; force every other
  // problem and make sure no secret leaks into the text.
  const err = problemsOf(loadConfig, { ...valid, DB_PORT: 'x', REDIS_PORT: 'y' });
  for (const secret of [valid.DB_PASSWORD, valid.NEXTAUTH_SECRET]) {
    assert.ok(!err.message.includes(secret));
  }
});

test('the migrator needs only the database variables', () => {
  const c = loadMigrateConfig({ DB_HOST: 'h', DB_NAME: 'n', DB_USER: 'u', DB_PASSWORD: 'p', DB_CA_FILE: CA_FILE });
  assert.equal(c.db.port, 5432);
  assert.equal(c.appUser, 'knowledge_card_app');
  assert.equal(loadMigrateConfig({ DB_HOST: 'h', DB_NAME: 'n', DB_USER: 'u', DB_PASSWORD: 'p', DB_CA_FILE: CA_FILE,
    DB_APP_USER: 'kc_app' }).appUser, 'kc_app');
  const err = problemsOf(loadMigrateConfig, { DB_HOST: 'h', DB_PORT: '0', DB_CA_FILE: CA_FILE,
    DB_APP_USER: 'app"; DROP ROLE x; --' });
  assert.deepEqual(err.variables, ['DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DB_APP_USER']);
});

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-3f2a1b7c-1234-4abc-9def-0123456789ab-AbCdEf';

test('DB_SECRET_ARN is optional; when set it is the secret to re-read, in AWS_REGION', () => {
  assert.equal(loadConfig(valid).db.secret, undefined);
  assert.equal(loadConfig({ ...valid, DB_SECRET_ARN: '' }).db.secret, undefined);
  assert.deepEqual(loadConfig({ ...valid, DB_SECRET_ARN: SECRET_ARN }).db.secret,
    { arn: SECRET_ARN, region: 'eu-west-1' });
  // Other partitions.
  for (const [partition, region] of [['aws-cn', 'cn-north-1'], ['aws-us-gov', 'us-gov-west-1']]) {
    const arn = `arn:${partition}:secretsmanager:${region}:123456789012:secret:kc/db-AbCdEf`;
    assert.deepEqual(loadConfig({ ...valid, AWS_REGION: region, DB_SECRET_ARN: arn }).db.secret, { arn, region });
  }
});

test('a malformed DB_SECRET_ARN is named with its value', () => {
  for (const bad of ['rds!db-123', 'arn:aws:ssm:eu-west-1:123456789012:parameter/db',
    'arn:aws:secretsmanager:eu-west-1:12345678901:secret:db-AbCdEf', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:',
    'arn:aws:secretsmanager::123456789012:secret:db-AbCdEf', 'arn:aws:secretsmanager:eu-west-1:123456789012:db-AbCdEf']) {
    const err = problemsOf(loadConfig, { ...valid, DB_SECRET_ARN: bad });
    assert.deepEqual(err.variables, ['DB_SECRET_ARN'], bad);
    assert.match(err.message, /DB_SECRET_ARN must be a Secrets Manager secret ARN \(arn:aws:secretsmanager:<region>:<12-digit account>:secret:<name>\)/);
    assert.ok(err.message.includes(`(got "${bad}")`), err.message);
  }
});

test('DB_SECRET_ARN must be in AWS_REGION, so a wrong value fails at start rather than at the first rotation', () => {
  const err = problemsOf(loadConfig, { ...valid, DB_SECRET_ARN: SECRET_ARN.replace('eu-west-1', 'us-east-1') });
  assert.deepEqual(err.variables, ['DB_SECRET_ARN']);
  assert.match(err.message, /DB_SECRET_ARN must be a secret in AWS_REGION eu-west-1 \(got region us-east-1\)/);
});

test('the migrator needs AWS_REGION only when DB_SECRET_ARN is set', () => {
  const db = { DB_HOST: 'h', DB_NAME: 'n', DB_USER: 'u', DB_PASSWORD: 'p', DB_CA_FILE: CA_FILE };
  assert.equal(loadMigrateConfig({ ...db, AWS_REGION: 'not a region' }).db.secret, undefined);
  assert.deepEqual(problemsOf(loadMigrateConfig, { ...db, DB_SECRET_ARN: SECRET_ARN }).variables, ['AWS_REGION']);
  assert.deepEqual(loadMigrateConfig({ ...db, DB_SECRET_ARN: SECRET_ARN, AWS_REGION: 'eu-west-1' }).db.secret,
    { arn: SECRET_ARN, region: 'eu-west-1' });
  assert.deepEqual(problemsOf(loadMigrateConfig, { ...db, DB_SECRET_ARN: 'nope', AWS_REGION: 'eu-west-1' }).variables,
    ['DB_SECRET_ARN']);
});

test('SESSION_SECRET_ARN is checked like DB_SECRET_ARN', () => {
  assert.deepEqual(loadConfig({ ...valid, SESSION_SECRET_ARN: SECRET_ARN }).session.secretRef,
    { arn: SECRET_ARN, region: 'eu-west-1' });
  const err = problemsOf(loadConfig, { ...valid, SESSION_SECRET_ARN: SECRET_ARN.replace('eu-west-1', 'us-east-1') });
  assert.deepEqual(err.variables, ['SESSION_SECRET_ARN']);
});
