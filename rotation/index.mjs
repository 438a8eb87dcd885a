// Secrets Manager rotation function of one Knowledge Card stack. Secrets Manager calls it with
// {SecretId, ClientRequestToken, Step} for the four steps createSecret, setSecret, testSecret and
// finishSecret ("How rotation works", AWS Secrets Manager User Guide). It rotates two secrets that
// the program creates WITHOUT a value, so it also writes their first value:
//   session        SESSION_SECRET_ARN: a random string that signs sessions
//   postgres-user  APP_ROLE_SECRET_ARN: the app database role's JSON credentials; setSecret sets the
//                  role's password as the master user (read from the secret's masterarn)
// AWS's own templates cannot do the first rotation: they start from the current value.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import pg from 'pg';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const SESSION_LENGTH = 64;
const PASSWORD_LENGTH = 32;

/** What the function rotates and where the database is, from its environment. */
export function settings(env) {
  const required = ['SESSION_SECRET_ARN', 'APP_ROLE_SECRET_ARN', 'DB_HOST', 'DB_PORT', 'DB_NAME',
    'DB_APP_USER', 'MASTER_SECRET_ARN', 'DB_CA_FILE'];
  const missing = required.filter((k) => !env[k]);
  if (missing.length) throw new Error(`missing environment: ${missing.join(', ')}`);
  if (!ROLE_NAME.test(env.DB_APP_USER)) throw new Error(`DB_APP_USER is not a role name`);
  return {
    sessionSecretArn: env.SESSION_SECRET_ARN,
    appRoleSecretArn: env.APP_ROLE_SECRET_ARN,
    db: {
      host: env.DB_HOST,
      port: Number(env.DB_PORT),
      dbname: env.DB_NAME,
      username: env.DB_APP_USER,
      masterarn: env.MASTER_SECRET_ARN,
    },
    caFile: env.DB_CA_FILE,
  };
}

/** The handler, with its Secrets Manager client and settings injectable for tests. */
export function createHandler({ secretsManager = new SecretsManagerClient({}), env = process.env } = {}) {
  const config = settings(env);
  const sm = (Command, input) => secretsManager.send(new Command(input));
  const ca = readFileSync(config.caFile, 'utf8');

  const kinds = {
    [config.sessionSecretArn]: {
      async newValue() {
        return randomPassword(SESSION_LENGTH);
      },
      async set() {},
      async test(value) {
        if (value.length < SESSION_LENGTH) throw new Error('session secret too short');
      },
    },
    [config.appRoleSecretArn]: {
      async newValue() {
        return JSON.stringify({ engine: 'postgres', ...config.db, password: await randomPassword(PASSWORD_LENGTH) });
      },
      async set(value) {
        const pending = JSON.parse(value);
        // Already set (a retried step): nothing to do.
        if (await canLogIn(pending)) return;
        const master = JSON.parse((await sm(GetSecretValueCommand, { SecretId: pending.masterarn })).SecretString);
        await withClient({ ...pending, username: master.username, password: master.password }, async (c) => {
          const role = c.escapeIdentifier(pending.username);
          await c.query('BEGIN');
          // The migrations create and grant the role; before they have run it exists without LOGIN.
          const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [pending.username]);
          if (exists.rowCount === 0) await c.query(`CREATE ROLE ${role} NOLOGIN`);
          // A SCRAM verifier, never the password itself, reaches the server (and its logs).
          await c.query(`ALTER ROLE ${role} WITH LOGIN PASSWORD ${c.escapeLiteral(scramVerifier(pending.password))}`);
          await c.query('COMMIT');
        });
      },
      async test(value) {
        await withClient(JSON.parse(value), (c) => c.query('SELECT 1'));
      },
    },
  };

  async function randomPassword(length) {
    const out = await sm(GetRandomPasswordCommand, {
      PasswordLength: length, ExcludePunctuation: true, IncludeSpace: false, RequireEachIncludedType: true,
    });
    return out.RandomPassword;
  }

  async function withClient(creds, use) {
    const client = new pg.Client({
      host: creds.host, port: creds.port, database: creds.dbname, user: creds.username, password: creds.password,
      // verify-full: the certificate must chain to the RDS CA and name the host (pg passes the
      // host name as TLS servername, which Node checks against the certificate).
      ssl: { ca, rejectUnauthorized: true },
      connectionTimeoutMillis: 10000,
    });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end();
    }
  }

  async function canLogIn(creds) {
    try {
      await withClient(creds, (c) => c.query('SELECT 1'));
      return true;
    } catch (err) {
      if (err.code === '28P01' || err.code === '28000') return false; // bad password / no login
      throw err;
    }
  }

  async function pendingValue(arn, token) {
    const out = await sm(GetSecretValueCommand, { SecretId: arn, VersionId: token, VersionStage: 'AWSPENDING' });
    return out.SecretString;
  }

  const steps = {
    async createSecret(arn, token, kind) {
      try {
        await pendingValue(arn, token);
        return; // already created by an earlier attempt
      } catch (err) {
        if (err.name !== 'ResourceNotFoundException') throw err;
      }
      await sm(PutSecretValueCommand, {
        SecretId: arn, ClientRequestToken: token, SecretString: await kind.newValue(), VersionStages: ['AWSPENDING'],
      });
    },
    async setSecret(arn, token, kind) {
      await kind.set(await pendingValue(arn, token));
    },
    async testSecret(arn, token, kind) {
      await kind.test(await pendingValue(arn, token));
    },
    async finishSecret(arn, token, _kind, versions) {
      const current = Object.keys(versions).find((v) => versions[v].includes('AWSCURRENT'));
      if (current === token) return;
      await sm(UpdateSecretVersionStageCommand, {
        SecretId: arn, VersionStage: 'AWSCURRENT', MoveToVersionId: token,
        ...(current ? { RemoveFromVersionId: current } : {}),
      });
    },
  };

  return async function handler(event) {
    const { SecretId: arn, ClientRequestToken: token, Step: step } = event;
    const kind = kinds[arn];
    if (!kind) throw new Error(`not a secret this function rotates: ${arn}`);
    if (!steps[step]) throw new Error(`unknown step ${step}`);
    const meta = await sm(DescribeSecretCommand, { SecretId: arn });
    if (!meta.RotationEnabled) throw new Error(`rotation is not enabled for ${arn}`);
    const versions = meta.VersionIdsToStages ?? {};
    if (!versions[token]) throw new Error(`version ${token} has no stage for rotation of ${arn}`);
    if (versions[token].includes('AWSCURRENT')) return; // finished already
    if (!versions[token].includes('AWSPENDING')) throw new Error(`version ${token} is not AWSPENDING`);
    console.log(JSON.stringify({ step, secret: arn, version: token }));
    await steps[step](arn, token, kind, versions);
  };
}

/** PostgreSQL's SCRAM-SHA-256 verifier of a password (RFC 5802, RFC 7677). */
export function scramVerifier(password, salt = randomBytes(16), iterations = 4096) {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const hmac = (key, text) => createHmac('sha256', key).update(text).digest();
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  const b64 = (b) => b.toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}

let defaultHandler;

/** Lambda's entry point: the AWS SDK client of the function's role, settings from its environment. */
export const handler = (event) => {
  defaultHandler ??= createHandler();
  return defaultHandler(event);
};
