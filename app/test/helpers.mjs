// Shared test plumbing. The services come from scripts/service-test.sh, which
// exports the app's own environment contract pointed at 127.0.0.1.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import pg from 'pg';

const CONTRACT = ['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DB_CA_FILE', 'REDIS_HOST',
  'REDIS_PORT', 'REDIS_USER', 'REDIS_CACHE_NAME', 'MEDIA_BUCKET', 'AWS_REGION', 'PUBLIC_URL'];

/** The environment under test; fails loudly (not skips) when services are absent. */
export function serviceEnv() {
  const missing = CONTRACT.filter((k) => !process.env[k]);
  if (missing.length) {
    throw new Error(`test services not configured (missing ${missing.join(', ')}); run scripts/service-test.sh`);
  }
  for (const k of ['DB_HOST', 'REDIS_HOST']) {
    if (process.env[k] !== '127.0.0.1') throw new Error(`${k} must be 127.0.0.1 in tests`);
  }
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(NODE_ENV|PORT|DB_|REDIS_|MEDIA_BUCKET|AWS_|PUBLIC_URL|NEXTAUTH_SECRET|SESSION_)/.test(k)) env[k] = v;
  }
  return env;
}

function adminClient(env, database = 'postgres') {
  return new pg.Client({
    host: env.DB_HOST, port: Number(env.DB_PORT), user: env.DB_USER, password: env.DB_PASSWORD,
    database, ssl: env.DB_SSL === 'disable' ? false : { rejectUnauthorized: false },
  });
}

/** A fresh, empty database (no vector extension) owned by the test user. */
export async function createDatabase(env, prefix) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const c = adminClient(env);
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return name;
}

export async function dropDatabase(env, name) {
  const c = adminClient(env);
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** Runs fn with a client connected to database `name`. */
export async function withDb(env, name, fn) {
  const client = adminClient(env, name);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A loopback port with nothing listening (bound then released). */
export async function closedPort() {
  const srv = net.createServer();
  await new Promise((res) => srv.listen(0, '127.0.0.1', res));
  const { port } = /** @type {net.AddressInfo} */ (srv.address());
  await new Promise((res) => srv.close(res));
  return port;
}

/** A loopback server that accepts connections and never answers: a black hole. */
export async function blackHole() {
  const sockets = new Set();
  const srv = net.createServer((s) => { sockets.add(s); s.on('error', () => {}); });
  await new Promise((res) => srv.listen(0, '127.0.0.1', res));
  return {
    port: /** @type {net.AddressInfo} */ (srv.address()).port,
    close: () => new Promise((res) => { for (const s of sockets) s.destroy(); srv.close(res); }),
  };
}

/**
 * A login role (superuser, like the RDS master user) whose password the test
 * changes with ALTER ROLE, as an RDS rotation does.
 */
export async function createRotatingRole(env, prefix) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = (sql) => withDb(env, 'postgres', (c) => c.query(sql));
  const password = () => randomBytes(16).toString('hex'); // hex: safe inside a quoted literal
  const initial = password();
  await admin(`CREATE ROLE ${name} LOGIN SUPERUSER PASSWORD '${initial}'`);
  return {
    name,
    initial,
    /** Sets and returns a new password. */
    rotate: async () => {
      const next = password();
      await admin(`ALTER ROLE ${name} PASSWORD '${next}'`);
      return next;
    },
    drop: () => admin(`DROP ROLE IF EXISTS ${name}`),
  };
}

/**
 * A loopback stand-in for AWS Secrets Manager speaking its JSON protocol for
 * GetSecretValue (with or without VersionStage) and ListSecretVersionIds
 * (POST, X-Amz-Target: secretsmanager.<Operation>). `value` is what the
 * AWSCURRENT version holds (objects as JSON, strings as they are); `previous`
 * the AWSPREVIOUS one (none when undefined); `currentCreated` the AWSCURRENT
 * version's CreatedDate (ms). Every request is recorded (target, SecretId and
 * the SigV4 credential scope's region).
 */
export async function fakeSecretsManager(arn, value, { previous = undefined, currentCreated = Date.now() } = {}) {
  const fake = {
    value,
    previous,
    currentCreated,
    /** @type {{ target: string | undefined, secretId: unknown, region: string | undefined }[]} */
    requests: [],
    url: '',
    close: () => Promise.resolve(),
  };
  const asString = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      let input;
      try { input = JSON.parse(body); } catch { input = undefined; }
      const target = req.headers['x-amz-target'];
      const region = /Credential=[^/]+\/\d{8}\/([^/]+)\/secretsmanager\/aws4_request/
        .exec(req.headers.authorization ?? '')?.[1];
      fake.requests.push({ target: typeof target === 'string' ? target : undefined, secretId: input?.SecretId, region });
      const reply = (status, doc) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(doc));
      };
      const notFound = () => reply(400, { __type: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret." });
      const name = arn.split(':secret:')[1];
      if (req.method !== 'POST' || !['secretsmanager.GetSecretValue', 'secretsmanager.ListSecretVersionIds'].includes(target)) {
        reply(400, { __type: 'UnknownOperationException', message: `unexpected ${req.method} ${target}` });
      } else if (input?.SecretId !== arn) {
        notFound();
      } else if (target === 'secretsmanager.ListSecretVersionIds') {
        const versions = [{ VersionId: 'v-current', VersionStages: ['AWSCURRENT'], CreatedDate: fake.currentCreated / 1000 }];
        if (fake.previous !== undefined) {
          versions.push({ VersionId: 'v-previous', VersionStages: ['AWSPREVIOUS'], CreatedDate: fake.currentCreated / 1000 - 86400 });
        }
        reply(200, { ARN: arn, Name: name, Versions: versions });
      } else {
        const stage = input.VersionStage ?? 'AWSCURRENT';
        const v = stage === 'AWSCURRENT' ? fake.value : stage === 'AWSPREVIOUS' ? fake.previous : undefined;
        if (v === undefined) {
          notFound();
        } else {
          reply(200, { ARN: arn, Name: name, VersionId: randomBytes(8).toString('hex'), SecretString: asString(v),
            VersionStages: [stage], CreatedDate: Date.now() / 1000 });
        }
      }
    });
  });
  const sockets = new Set();
  srv.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((res) => srv.listen(0, '127.0.0.1', res));
  fake.url = `http://127.0.0.1:${/** @type {net.AddressInfo} */ (srv.address()).port}`;
  fake.close = () => new Promise((res) => { for (const s of sockets) s.destroy(); srv.close(res); });
  return fake;
}

/** What the AWS SDK needs to talk to a fake endpoint: the endpoint and dummy keys, nothing else. */
export function awsSdkEnv(endpointUrl) {
  return {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpointUrl,
    AWS_ACCESS_KEY_ID: 'AKIDKCTESTONLY000000',
    AWS_SECRET_ACCESS_KEY: 'kc-test-only-not-a-real-key',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
