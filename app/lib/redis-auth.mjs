// Redis connections authenticated with ElastiCache IAM tokens.
//
// "Authenticating with IAM" (docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html):
// the password in AUTH <user> <password> is a SigV4 query-string-presigned
// `GET http://<replication group id>/?Action=connect&User=<user id>` for the
// service `elasticache`, without the `http://`, valid 15 minutes (the docs'
// example signs with an expiry of 900 s); the IAM-enabled user's id must equal
// its name; in-transit encryption is required; ElastiCache closes
// IAM-authenticated connections after 12 hours. So no token lives in the
// environment: every connect and reconnect, of every connection (BullMQ's
// duplicated ones too, via duplicate()), signs a new token from the task
// role's current credentials; a WRONGPASS/NOAUTH makes the next sign re-read
// those credentials first.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import net from 'node:net';
import Redis from 'ioredis';
import { processWide } from './credentials.mjs';

export const TOKEN_EXPIRY_SECONDS = 900;

/** RFC 3986 escaping, as SigV4 canonicalises query strings. */
const escape = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * One IAM authentication token.
 * @param {{ user: string, cacheName: string, region: string,
 *   credentials: import('@smithy/types').AwsCredentialIdentity, signingDate: Date }} p
 * @returns {Promise<string>}
 */
export async function elastiCacheToken({ user, cacheName, region, credentials, signingDate }) {
  const signer = new SignatureV4({ service: 'elasticache', region, credentials, sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.presign({
    method: 'GET', protocol: 'http:', hostname: cacheName, path: '/',
    query: { Action: 'connect', User: user }, headers: { host: cacheName },
  }, { expiresIn: TOKEN_EXPIRY_SECONDS, signingDate });
  const query = Object.keys(signed.query).sort()
    .map((k) => `${escape(k)}=${escape(String(signed.query[k]))}`).join('&');
  return `${cacheName}/?${query}`;
}

/** Signs tokens for one user and cache with the AWS SDK's credential chain (ECS task role). */
export class ElastiCacheTokens {
  /**
   * @param {{ user: string, cacheName: string, region: string,
   *   credentials?: (opts?: { forceRefresh?: boolean }) => Promise<import('@smithy/types').AwsCredentialIdentity>,
   *   now?: () => Date }} opts
   */
  constructor({ user, cacheName, region, credentials = defaultProvider(), now = () => new Date() }) {
    Object.assign(this, { user, cacheName, region, credentials, now });
    this.forceRefresh = false;
  }

  /** A token signed now. */
  async token() {
    const forceRefresh = this.forceRefresh;
    this.forceRefresh = false;
    const credentials = await this.credentials({ forceRefresh });
    return elastiCacheToken({ user: this.user, cacheName: this.cacheName, region: this.region, credentials,
      signingDate: this.now() });
  }

  /** The server refused a token: re-read the AWS credentials before the next one. */
  rejected() {
    this.forceRefresh = true;
  }
}

const AUTH_REJECTED = /WRONGPASS|NOAUTH|invalid username-password/i;

/**
 * An ioredis client whose every (re)connection authenticates with a freshly
 * signed token. ioredis reads `options.password` when it (re)connects, so it
 * is replaced just before; duplicate() keeps the class, which is how BullMQ's
 * blocking connections get the same behaviour.
 */
class IamRedis extends Redis {
  /** @param {import('ioredis').RedisOptions & { iamTokens: ElastiCacheTokens }} options */
  constructor(options) {
    super(options);
    this.on('error', (err) => {
      if (AUTH_REJECTED.test(String(err?.message))) this.options.iamTokens.rejected();
    });
  }

  /**
   * Signs a token, then connects. Callers that arrive while the token is being
   * signed (ioredis still reports its status as not connecting) share the
   * same attempt instead of starting a second connection.
   * @param {any} [callback]
   */
  connect(callback) {
    const self = /** @type {any} */ (this);
    // ioredis sets this in connect() before any await; commands queued while
    // the token is signed read its `select`.
    self.condition ??= { select: this.options.db, auth: undefined, subscriber: false };
    if (!self.iamConnecting) {
      const disconnects = self.iamDisconnects;
      self.iamConnecting = self.options.iamTokens.token().then(
        (/** @type {string} */ token) => { this.options.password = token; },
        // ioredis retries only after a connection attempt fails: attempt with
        // the previous token (it is refused), so the retry loop keeps going.
        (/** @type {unknown} */ err) => { this.emit('error', err); },
      ).then(() => {
        // disconnect() while the token was signed: stay closed.
        if (self.iamDisconnects !== disconnects) throw new Error('Connection is closed.');
        return super.connect();
      }).finally(() => { self.iamConnecting = undefined; });
    }
    const p = self.iamConnecting;
    if (callback) p.then(() => callback(null), callback);
    return p;
  }

  /** @param {boolean} [reconnect] */
  disconnect(reconnect = false) {
    const self = /** @type {any} */ (this);
    if (!reconnect) self.iamDisconnects = (self.iamDisconnects ?? 0) + 1;
    super.disconnect(reconnect);
  }

  /** @param {Partial<import('ioredis').RedisOptions>} [override] */
  duplicate(override) {
    return new IamRedis(/** @type {any} */ ({ ...this.options, ...override }));
  }
}

/** @type {Map<string, ElastiCacheTokens>} one signer per user and cache, shared by the process */
const signers = processWide('redis-signers', () => new Map());

/** @param {import('./config.mjs').RedisConfig} redis */
export function tokensFor(redis) {
  const key = `${redis.region}|${redis.cacheName}|${redis.user}`;
  let t = signers.get(key);
  if (!t) {
    t = new ElastiCacheTokens({ user: /** @type {string} */ (redis.user),
      cacheName: /** @type {string} */ (redis.cacheName), region: redis.region });
    signers.set(key, t);
  }
  return t;
}

/**
 * A Redis client for the configuration: IAM-authenticated when
 * REDIS_AUTH_MODE=iam, TLS when REDIS_TLS=true (certificates verified against
 * Node's CA store: ElastiCache's are publicly trusted; SNI only for names, as
 * RFC 6066 forbids IP addresses).
 * @param {import('./config.mjs').RedisConfig} redis
 * @param {import('ioredis').RedisOptions} options
 * @param {ElastiCacheTokens} [tokens] defaults to the process-wide signer of redis
 */
export function createRedis(redis, options, tokens) {
  const base = {
    host: redis.host,
    port: redis.port,
    tls: redis.tls ? (net.isIP(redis.host) ? {} : { servername: redis.host }) : undefined,
    ...options,
  };
  if (redis.authMode !== 'iam') return new Redis(base);
  return new IamRedis({ ...base, username: redis.user, iamTokens: tokens ?? tokensFor(redis) });
}
