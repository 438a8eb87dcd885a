// Shared test plumbing. The services come from scripts/service-test.sh, which
// exports the app's own environment contract pointed at 127.0.0.1.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

const CONTRACT = ['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'REDIS_HOST', 'REDIS_PORT',
  'MEDIA_BUCKET', 'AWS_REGION', 'PUBLIC_URL'];

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
    if (/^(NODE_ENV|PORT|DB_|REDIS_|MEDIA_BUCKET|AWS_REGION|PUBLIC_URL|NEXTAUTH_SECRET)/.test(k)) env[k] = v;
  }
  return env;
}

function adminClient(env, database = 'postgres') {
  return new pg.Client({
    host: env.DB_HOST, port: Number(env.DB_PORT), user: env.DB_USER, password: env.DB_PASSWORD,
    database, ssl: env.DB_SSL === 'false' ? false : { rejectUnauthorized: false },
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
