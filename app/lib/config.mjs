// Environment-only configuration, validated once with every problem reported
// together, so a misconfigured ECS task fails fast with one readable message.
// Plain ESM (not TypeScript) because start.mjs and the migrator run it with
// bare `node` in the runner image, where there is no compiler.

import { readFileSync } from 'node:fs';

/** Variables whose values must never appear in messages or logs. */
const SECRET_VARS = new Set(['DB_USER', 'DB_PASSWORD', 'NEXTAUTH_SECRET']);

/** Where the image ships the RDS CA bundle (Dockerfile, verified by checksum at build time). */
export const DEFAULT_DB_CA_FILE = '/app/certs/rds-global-bundle.pem';
export const DEFAULT_DB_APP_USER = 'knowledge_card_app';

export class ConfigError extends Error {
  /** @param {string[]} problems */
  constructor(problems) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
      problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
    /** Names of the offending variables, for callers that must not print values. */
    this.variables = problems.map((p) => p.split(' ')[0]);
  }
}

/**
 * @typedef {{ arn: string, region: string }} SecretRef
 * @typedef {SecretRef} DbSecret
 * @typedef {{ host: string, port: number, database: string, user: string, password: string,
 *   ssl: 'verify-full' | 'disable', caFile: string, ca: string | undefined, secret?: DbSecret }} DbConfig
 * @typedef {{ host: string, port: number, tls: boolean, authMode: 'iam' | 'none',
 *   user: string | undefined, cacheName: string | undefined, region: string }} RedisConfig
 * @typedef {{ secret: string | undefined, secretRef?: SecretRef, graceHours: number }} SessionConfig
 * @typedef {{ nodeEnv: 'production' | 'development' | 'test', port: number, db: DbConfig,
 *   redis: RedisConfig, mediaBucket: string, awsRegion: string, publicUrl: string,
 *   session: SessionConfig }} AppConfig
 */

class Reader {
  /** @param {Record<string, string | undefined>} env */
  constructor(env) {
    this.env = env;
    /** @type {string[]} */
    this.problems = [];
  }

  /** Empty strings count as missing: an unset secret often arrives as "". */
  raw(name) {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  /** How a bad value is shown: never for secrets. */
  shown(name, value) {
    return SECRET_VARS.has(name) ? '' : ` (got "${value}")`;
  }

  required(name) {
    const v = this.raw(name);
    if (v === undefined) this.problems.push(`${name} is required but is missing or empty`);
    return v ?? '';
  }

  optional(name) {
    return this.raw(name);
  }

  port(name, dflt) {
    const v = this.raw(name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 1 || n > 65535) {
      this.problems.push(`${name} must be an integer port between 1 and 65535${this.shown(name, v)}`);
      return dflt;
    }
    return n;
  }

  bool(name, dflt) {
    const v = this.raw(name);
    if (v === undefined) return dflt;
    if (v === 'true') return true;
    if (v === 'false') return false;
    this.problems.push(`${name} must be "true" or "false"${this.shown(name, v)}`);
    return dflt;
  }

  /** A whole number of hours, 1 to 720 (30 days, the longest rotation schedule allowed in prod). */
  hours(name, dflt) {
    const v = this.raw(name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 1 || n > 720) {
      this.problems.push(`${name} must be a whole number of hours between 1 and 720${this.shown(name, v)}`);
      return dflt;
    }
    return n;
  }

  oneOf(name, allowed, dflt) {
    const v = this.raw(name);
    if (v === undefined) return dflt;
    if (!allowed.includes(v)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}${this.shown(name, v)}`);
      return dflt;
    }
    return v;
  }

  matching(name, re, what) {
    const v = this.required(name);
    if (v && !re.test(v)) this.problems.push(`${name} must be ${what}${this.shown(name, v)}`);
    return v;
  }

  optionalMatching(name, re, what) {
    const v = this.raw(name);
    if (v !== undefined && !re.test(v)) this.problems.push(`${name} must be ${what}${this.shown(name, v)}`);
    return v;
  }

  httpUrl(name) {
    const v = this.required(name);
    if (!v) return v;
    let url;
    try {
      url = new URL(v);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
      this.problems.push(`${name} must be an absolute http(s) URL${this.shown(name, v)}`);
    }
    return v;
  }
}

const AWS_REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** Secrets Manager secret ARN; RDS-managed secret names look like `rds!db-<uuid>-AbCdEf`. */
const SECRET_ARN_RE = /^arn:aws[a-z-]*:secretsmanager:([a-z]{2}(?:-[a-z]+)+-\d+):\d{12}:secret:\S+$/;

/** @param {Reader} r */
function awsRegion(r) {
  return r.matching('AWS_REGION', AWS_REGION_RE, 'an AWS region code such as eu-west-1');
}

/**
 * A secret to re-read after a rotation (DB_SECRET_ARN, SESSION_SECRET_ARN).
 * Checked against AWS_REGION now, so a wrong value fails at start, not at the
 * first rotation days later.
 * @param {Reader} r @param {string} name @param {string} region @returns {SecretRef | undefined}
 */
function readSecretRef(r, name, region) {
  const arn = r.optionalMatching(name, SECRET_ARN_RE,
    'a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<12-digit account>:secret:<name>)');
  const m = arn === undefined ? null : SECRET_ARN_RE.exec(arn);
  if (!m) return undefined;
  if (region && AWS_REGION_RE.test(region) && m[1] !== region) {
    r.problems.push(`${name} must be a secret in AWS_REGION ${region} (got region ${m[1]})`);
  }
  return { arn, region };
}

/**
 * The CA bundle the database certificate must chain to, read now so a missing
 * or empty file fails at start (a PEM with at least one certificate).
 * @param {Reader} r @returns {{ caFile: string, ca: string | undefined }}
 */
function readCa(r) {
  const caFile = r.optional('DB_CA_FILE') ?? DEFAULT_DB_CA_FILE;
  let ca;
  try {
    ca = readFileSync(caFile, 'utf8');
  } catch (err) {
    r.problems.push(`DB_CA_FILE cannot be read (${/** @type {any} */ (err).code ?? 'error'}) (got "${caFile}")`);
    return { caFile, ca: undefined };
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
    r.problems.push(`DB_CA_FILE must be a PEM file with at least one certificate (got "${caFile}")`);
    return { caFile, ca: undefined };
  }
  return { caFile, ca };
}

/** @param {Reader} r @param {string} nodeEnv @returns {DbConfig} */
function readDb(r, nodeEnv) {
  const db = {
    host: r.required('DB_HOST'),
    port: r.port('DB_PORT', 5432),
    database: r.required('DB_NAME'),
    user: r.required('DB_USER'),
    password: r.required('DB_PASSWORD'),
    // verify-full: TLS, the certificate must chain to DB_CA_FILE and name DB_HOST
    // (libpq's sslmode of that name). disable: local databases without TLS only.
    ssl: /** @type {DbConfig['ssl']} */ (r.oneOf('DB_SSL', ['verify-full', 'disable'], 'verify-full')),
    caFile: '',
    ca: undefined,
  };
  if (db.ssl === 'disable' && nodeEnv === 'production') {
    r.problems.push('DB_SSL must be verify-full in production (got "disable")');
  }
  if (db.ssl === 'verify-full') Object.assign(db, readCa(r));
  return db;
}

/** ElastiCache replication group ids: lower case, start with a letter, at most 40 characters. */
const CACHE_NAME_RE = /^[a-z][a-z0-9-]{0,39}$/;
/** ElastiCache user ids (for IAM users the user name equals the id). */
const REDIS_USER_RE = /^[a-zA-Z][a-zA-Z0-9-]{0,39}$/;

/** @param {Reader} r @param {string} nodeEnv @param {string} region @returns {RedisConfig} */
function readRedis(r, nodeEnv, region) {
  const redis = {
    host: r.required('REDIS_HOST'),
    port: r.port('REDIS_PORT', 6379),
    tls: r.bool('REDIS_TLS', true),
    // iam: AUTH <REDIS_USER> <short-lived IAM token> (redis-auth.mjs). none: a
    // local Redis without authentication, never in production.
    authMode: /** @type {RedisConfig['authMode']} */ (r.oneOf('REDIS_AUTH_MODE', ['iam', 'none'], 'iam')),
    user: undefined,
    cacheName: undefined,
    region,
  };
  if (redis.authMode === 'iam') {
    redis.user = r.matching('REDIS_USER', REDIS_USER_RE, 'an ElastiCache user id (letters, digits, hyphens)');
    redis.cacheName = r.matching('REDIS_CACHE_NAME', CACHE_NAME_RE,
      'an ElastiCache replication group id (lower case letters, digits, hyphens)');
  } else if (nodeEnv === 'production') {
    r.problems.push('REDIS_AUTH_MODE must be iam in production (got "none")');
  }
  return redis;
}

/**
 * Configuration needed by `npm run migrate`: only the database (and
 * AWS_REGION when DB_SECRET_ARN is set).
 * @param {Record<string, string | undefined>} [env]
 * @returns {{ nodeEnv: string, db: DbConfig, appUser: string }}
 */
export function loadMigrateConfig(env = process.env) {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['production', 'development', 'test'], 'development');
  const db = readDb(r, nodeEnv);
  if (r.raw('DB_SECRET_ARN') !== undefined) {
    const secret = readSecretRef(r, 'DB_SECRET_ARN', awsRegion(r));
    if (secret) db.secret = secret;
  }
  // A PostgreSQL identifier the migrations may quote safely.
  const appUser = r.optionalMatching('DB_APP_USER', /^[a-z_][a-z0-9_]{0,62}$/,
    'a lower-case PostgreSQL role name (letters, digits, underscores)') ?? DEFAULT_DB_APP_USER;
  if (r.problems.length) throw new ConfigError(r.problems);
  return { nodeEnv, db, appUser };
}

/**
 * Full configuration of the web server.
 * @param {Record<string, string | undefined>} [env]
 * @returns {AppConfig}
 */
export function loadConfig(env = process.env) {
  const r = new Reader(env);
  const nodeEnv = /** @type {AppConfig['nodeEnv']} */ (
    r.oneOf('NODE_ENV', ['production', 'development', 'test'], 'development'));
  const port = r.port('PORT', 3000);
  const db = readDb(r, nodeEnv);
  const region = awsRegion(r);
  const redis = readRedis(r, nodeEnv, region);
  // S3 bucket naming rules (lower case, digits, dots, hyphens; 3-63 chars).
  const mediaBucket = r.matching('MEDIA_BUCKET', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'a valid S3 bucket name');
  const secret = readSecretRef(r, 'DB_SECRET_ARN', region);
  if (secret) db.secret = secret;
  const publicUrl = r.httpUrl('PUBLIC_URL');
  const session = {
    // AWSCURRENT of the session-signing secret when the task started.
    secret: nodeEnv === 'production' ? r.required('NEXTAUTH_SECRET') : r.optional('NEXTAUTH_SECRET'),
    secretRef: readSecretRef(r, 'SESSION_SECRET_ARN', region),
    graceHours: r.hours('SESSION_SECRET_GRACE_HOURS', 24),
  };
  if (r.problems.length) throw new ConfigError(r.problems);
  return { nodeEnv, port, db, redis, mediaBucket, awsRegion: region, publicUrl, session };
}
