// The ElastiCache IAM token (lib/redis-auth.mjs) against a fixed clock and
// fixed credentials. The expected signature is computed here independently,
// step by step as the SigV4 specification describes query-string signing
// ("Create a signed AWS API request", AWS IAM User Guide): canonical request,
// string to sign, derived signing key. The token format is ElastiCache's
// ("Authenticating with IAM", ElastiCache User Guide): the presigned
// `GET http://<cache>/?Action=connect&User=<user>` without the scheme, for
// service `elasticache`, expiring after 900 s.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { test } from 'node:test';
import { ElastiCacheTokens, TOKEN_EXPIRY_SECONDS, elastiCacheToken } from '../lib/redis-auth.mjs';

// The example key pair of the AWS documentation; not a real credential.
const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const AT = new Date('2026-11-30T12:34:56Z');

const hex = (s) => createHash('sha256').update(s).digest('hex');
const hmac = (key, s) => createHmac('sha256', key).update(s).digest();
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** SigV4 query-string signature, from the specification. */
function expectedSignature({ host, query, secret, date, region, service }) {
  const canonicalQuery = Object.keys(query).sort().map((k) => `${enc(k)}=${enc(query[k])}`).join('&');
  // Presigned URLs of services other than S3 sign the empty payload.
  const canonicalRequest = ['GET', '/', canonicalQuery, `host:${host}`, '', 'host', hex('')].join('\n');
  const amzDate = date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, `${day}/${region}/${service}/aws4_request`,
    hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

test('the token is the presigned connect URL without its scheme, signed as the specification says', async () => {
  const token = await elastiCacheToken({ user: 'kc-app', cacheName: 'kc-prod-cache', region: 'eu-west-1',
    credentials: CREDS, signingDate: AT });
  const query = {
    Action: 'connect',
    User: 'kc-app',
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': 'AKIDEXAMPLE/20261130/eu-west-1/elasticache/aws4_request',
    'X-Amz-Date': '20261130T123456Z',
    'X-Amz-Expires': '900',
    'X-Amz-SignedHeaders': 'host',
  };
  const signature = expectedSignature({ host: 'kc-prod-cache', query, secret: CREDS.secretAccessKey, date: AT,
    region: 'eu-west-1', service: 'elasticache' });
  assert.equal(token, 'kc-prod-cache/?Action=connect&User=kc-app&X-Amz-Algorithm=AWS4-HMAC-SHA256'
    + '&X-Amz-Credential=AKIDEXAMPLE%2F20261130%2Feu-west-1%2Felasticache%2Faws4_request'
    + `&X-Amz-Date=20261130T123456Z&X-Amz-Expires=900&X-Amz-Signature=${signature}&X-Amz-SignedHeaders=host`);
  assert.equal(TOKEN_EXPIRY_SECONDS, 900);
});

test('temporary (task role) credentials: the session token is part of the signed query', async () => {
  const sessionToken = 'FwoGZXIvYXdzEXAMPLE//session+token=';
  const token = await elastiCacheToken({ user: 'kc-app', cacheName: 'kc-prod-cache', region: 'eu-west-1',
    credentials: { ...CREDS, sessionToken }, signingDate: AT });
  const query = {
    Action: 'connect', User: 'kc-app', 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': 'AKIDEXAMPLE/20261130/eu-west-1/elasticache/aws4_request', 'X-Amz-Date': '20261130T123456Z',
    'X-Amz-Expires': '900', 'X-Amz-Security-Token': sessionToken, 'X-Amz-SignedHeaders': 'host',
  };
  const params = new URLSearchParams(token.slice('kc-prod-cache/?'.length));
  assert.equal(params.get('X-Amz-Security-Token'), sessionToken);
  assert.equal(params.get('X-Amz-Signature'), expectedSignature({ host: 'kc-prod-cache', query,
    secret: CREDS.secretAccessKey, date: AT, region: 'eu-west-1', service: 'elasticache' }));
});

test('the token is deterministic for a clock and credentials, and changes with either', async () => {
  const p = { user: 'kc-app', cacheName: 'kc-prod-cache', region: 'eu-west-1', credentials: CREDS, signingDate: AT };
  const a = await elastiCacheToken(p);
  assert.equal(await elastiCacheToken(p), a);
  assert.notEqual(await elastiCacheToken({ ...p, signingDate: new Date(AT.getTime() + 1000) }), a);
  assert.notEqual(await elastiCacheToken({ ...p, credentials: { ...CREDS, secretAccessKey: 'other' } }), a);
});

test('every token is signed at the moment it is asked for; a rejection re-reads the AWS credentials', async () => {
  let now = AT;
  const calls = [];
  const tokens = new ElastiCacheTokens({ user: 'kc-app', cacheName: 'kc-prod-cache', region: 'eu-west-1',
    now: () => now, credentials: async (opts) => { calls.push(opts); return CREDS; } });
  const first = await tokens.token();
  now = new Date(AT.getTime() + 5 * 60_000);
  const second = await tokens.token();
  assert.notEqual(second, first);
  assert.match(second, /X-Amz-Date=20261130T123956Z/);
  tokens.rejected();
  await tokens.token();
  await tokens.token();
  assert.deepEqual(calls.map((c) => c.forceRefresh), [false, false, true, false]);
});
