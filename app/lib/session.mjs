// Signed session cookies whose key rotates without logging anyone out.
//
// Format: `v1.<claims>.<mac>`, claims base64url JSON ({ sub, iat, exp } in
// seconds), mac = base64url HMAC-SHA256 over `v1.<claims>` with the
// session-signing secret (NEXTAUTH_SECRET at start, then the AWSCURRENT
// version of SESSION_SECRET_ARN). Verification accepts the AWSPREVIOUS version
// too while the AWSCURRENT one is younger than SESSION_SECRET_GRACE_HOURS
// (its CreatedDate from ListSecretVersionIds), so a rotation does not end the
// sessions signed just before it; after that, only the current key counts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { RefreshingCredential, processWide } from './credentials.mjs';
import { currentVersionCreated, getSecretString } from './secrets.mjs';

export const SESSION_COOKIE = 'kc_session';
export const SESSION_TTL_SECONDS = 7 * 24 * 3600;
/** A bad signature re-reads the secret at most this often (forged cookies must not drive AWS calls). */
export const SIGNATURE_RECHECK_MS = 60_000;
/** Signing re-reads the secret when the keys are older than this, so no task signs with a retired key for long. */
export const KEYS_MAX_AGE_MS = 3600_000;

const b64 = (buf) => Buffer.from(buf).toString('base64url');
const mac = (key, data) => createHmac('sha256', key).update(data).digest();

/** @param {Record<string, unknown>} claims @param {string} key */
export function signWith(claims, key) {
  const body = `v1.${b64(JSON.stringify(claims))}`;
  return `${body}.${b64(mac(key, body))}`;
}

/**
 * The claims if token carries key's signature and has not expired.
 * @param {string} token @param {string} key @param {number} nowMs
 * @returns {{ sub: string, iat: number, exp: number } | undefined}
 */
export function verifyWith(token, key, nowMs) {
  const m = /^(v1\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const expected = mac(key, m[1]);
  const given = Buffer.from(m[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let claims;
  try {
    claims = JSON.parse(Buffer.from(m[1].slice(3), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims?.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return undefined;
  return claims;
}

/**
 * @typedef {{ current: string, previous?: string, currentCreatedMs?: number }} Keys
 */

/** @param {import('./config.mjs').SecretRef} ref @returns {Promise<Keys>} */
async function readKeys(ref) {
  const [current, previous, currentCreatedMs] = await Promise.all([
    getSecretString('SESSION_SECRET_ARN', ref),
    getSecretString('SESSION_SECRET_ARN', ref, 'AWSPREVIOUS'),
    currentVersionCreated('SESSION_SECRET_ARN', ref),
  ]);
  if (!current) throw new Error('SESSION_SECRET_ARN has no AWSCURRENT value');
  return { current, previous, currentCreatedMs };
}

export class SessionKeys {
  /**
   * @param {import('./config.mjs').SessionConfig & { now?: () => number, recheckMs?: number }} opts
   */
  constructor({ secret, secretRef, graceHours, now = Date.now, recheckMs = SIGNATURE_RECHECK_MS }) {
    if (!secret) throw new Error('no session-signing secret (NEXTAUTH_SECRET)');
    this.secretRef = secretRef;
    this.graceMs = graceHours * 3600_000;
    this.now = now;
    /** @type {RefreshingCredential<Keys>} */
    this.keys = new RefreshingCredential({
      initial: { current: secret },
      load: () => readKeys(/** @type {import('./config.mjs').SecretRef} */ (secretRef)),
      same: (a, b) => a.current === b.current && a.previous === b.previous,
      minIntervalMs: recheckMs,
      now,
    });
  }

  /** A session token for subject `sub`, signed with the current key. */
  sign(sub) {
    const loadedAt = this.keys.loadedAt;
    if (this.secretRef && (loadedAt === undefined || this.now() - loadedAt > KEYS_MAX_AGE_MS)) {
      this.keys.refresh().catch(() => {}); // next time; an unreachable Secrets Manager must not block sign-in
    }
    const iat = Math.floor(this.now() / 1000);
    return signWith({ sub, iat, exp: iat + SESSION_TTL_SECONDS }, this.keys.current().current);
  }

  /** @param {string} token @param {Keys} keys */
  check(token, keys) {
    const now = this.now();
    const claims = verifyWith(token, keys.current, now);
    if (claims || !keys.previous || keys.currentCreatedMs === undefined) return claims;
    return now - keys.currentCreatedMs < this.graceMs ? verifyWith(token, keys.previous, now) : undefined;
  }

  /**
   * The session's claims, or undefined. A signature no known key matches may
   * mean the secret rotated since these keys were read: then (at most once per
   * recheck interval) the secret is re-read and the token checked again.
   * @param {string | undefined} token
   */
  async verify(token) {
    if (!token) return undefined;
    const claims = this.check(token, this.keys.current());
    if (claims || !this.secretRef) return claims;
    try {
      return this.check(token, await this.keys.refresh());
    } catch {
      return undefined; // Secrets Manager unreachable: only the keys already known count
    }
  }
}

/**
 * The process's session keys, shared by every route handler.
 * @param {import('./config.mjs').SessionConfig} session
 * @returns {SessionKeys}
 */
export function sessionKeys(session) {
  return processWide('session-keys', () => new SessionKeys(session));
}

/** The session cookie's value in a Cookie header. @param {string | null} header */
export function sessionCookie(header) {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return v.join('=');
  }
  return undefined;
}
