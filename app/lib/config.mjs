// Environment-only configuration, validated once with every problem reported
// together, so a misconfigured ECS task fails fast with one readable message.
// Plain ESM (not TypeScript) because start.mjs and the migrator run it with
// bare `node` in the runner image, where there is no compiler.

/** Variables whose values must never appear in messages or logs. */
const SECRET_VARS = new Set(['DB_USER', 'DB_PASSWORD', 'REDIS_AUTH_TOKEN', 'NEXTAUTH_SECRET']);

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
 * @typedef {{ arn: string, region: string }} DbSecret
 * @typedef {{ host: string, port: number, database: string, user: string, password: string,
 *   ssl: boolean, sslRejectUnauthorized: boolean, secret?: DbSecret }} DbConfig
 * @typedef {{ host: string, port: number, tls: boolean, authToken: string | undefined }} RedisConfig
 * @typedef {{ nodeEnv: 'production' | 'development' | 'test', port: number, db: DbConfig,
 *   redis: RedisConfig, mediaBucket: string, awsRegion: string, publicUrl: string,
 *   nextAuthSecret: string | undefined }} AppConfig
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
 * DB_SECRET_ARN: the RDS-managed secret to re-read after a password rotation.
 * Checked against AWS_REGION now, so a wrong value fails at start, not at the
 * first rotation days later.
 * @param {Reader} r @param {string} region @returns {DbSecret | undefined}
 */
function readDbSecret(r, region) {
  const arn = r.optionalMatching('DB_SECRET_ARN', SECRET_ARN_RE,
    'a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<12-digit account>:secret:<name>)');
  const m = arn === undefined ? null : SECRET_ARN_RE.exec(arn);
  if (!m) return undefined;
  if (region && AWS_REGION_RE.test(region) && m[1] !== region) {
    r.problems.push(`DB_SECRET_ARN must be a secret in AWS_REGION ${region} (got region ${m[1]})`);
  }
  return { arn, region };
}

/** @param {Reader} r */
function readDb(r) {
  return {
    host: r.required('DB_HOST'),
    port: r.port('DB_PORT', 5432),
    database: r.required('DB_NAME'),
    user: r.required('DB_USER'),
    password: r.required('DB_PASSWORD'),
    ssl: r.bool('DB_SSL', true),
    // Off by default: no RDS CA bundle ships in the image, so TLS encrypts but
    // does not authenticate the server. Set true together with
    // NODE_EXTRA_CA_CERTS pointing at the RDS CA bundle to verify.
    sslRejectUnauthorized: r.bool('DB_SSL_REJECT_UNAUTHORIZED', false),
  };
}

/**
 * Configuration needed by `npm run migrate`: only the database (and
 * AWS_REGION when DB_SECRET_ARN is set).
 * @param {Record<string, string | undefined>} [env]
 * @returns {{ nodeEnv: string, db: DbConfig }}
 */
export function loadMigrateConfig(env = process.env) {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['production', 'development', 'test'], 'development');
  const db = readDb(r);
  if (r.raw('DB_SECRET_ARN') !== undefined) {
    const secret = readDbSecret(r, awsRegion(r));
    if (secret) db.secret = secret;
  }
  if (r.problems.length) throw new ConfigError(r.problems);
  return { nodeEnv, db };
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
  const db = readDb(r);
  const redis = {
    host: r.required('REDIS_HOST'),
    port: r.port('REDIS_PORT', 6379),
    tls: r.bool('REDIS_TLS', true),
    authToken: r.optional('REDIS_AUTH_TOKEN'),
  };
  // S3 bucket naming rules (lower case, digits, dots, hyphens; 3-63 chars).
  const mediaBucket = r.matching('MEDIA_BUCKET', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'a valid S3 bucket name');
  const region = awsRegion(r);
  const secret = readDbSecret(r, region);
  if (secret) db.secret = secret;
  const publicUrl = r.httpUrl('PUBLIC_URL');
  const nextAuthSecret = nodeEnv === 'production'
    ? r.required('NEXTAUTH_SECRET')
    : r.optional('NEXTAUTH_SECRET');
  if (r.problems.length) throw new ConfigError(r.problems);
  return { nodeEnv, port, db, redis, mediaBucket, awsRegion: region, publicUrl, nextAuthSecret };
}
