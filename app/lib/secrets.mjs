// Secrets Manager reads shared by every credential that rotates (database
// role, session-signing secret). The SDK is loaded on first use, so a process
// that never needs a re-read never imports it. Errors carry the variable name
// and an AWS error name or code only: AWS messages carry ARNs and role names.

/** Reported through safeError (checks.mjs); messages are names and codes only. */
export class CredentialsError extends Error {
  /** @param {string} message @param {string} [cause] the AWS error name or code */
  constructor(message, cause) {
    super(message);
    this.awsError = cause;
  }
}

export const SECRET_FETCH_TIMEOUT_MS = 5000;

/** @type {Map<string, any>} one SDK client per region */
const clients = new Map();

/** Only the error's name or code. */
function describeFetchError(err) {
  const e = /** @type {any} */ (err) ?? {};
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return `timed out after ${SECRET_FETCH_TIMEOUT_MS} ms`;
  const code = typeof e.code === 'string' && /^[A-Z0-9_]{2,40}$/.test(e.code) ? e.code : undefined;
  const name = typeof e.name === 'string' && /^[A-Za-z]{2,60}$/.test(e.name) && e.name !== 'Error' ? e.name : undefined;
  return code ?? name ?? 'unknown error';
}

/**
 * Sends one command with a hard timeout.
 * @param {string} variable the environment variable naming the secret, for messages
 * @param {import('./config.mjs').SecretRef} secret
 * @param {(sdk: any) => any} makeCommand
 */
async function send(variable, secret, makeCommand) {
  const sdk = await import('@aws-sdk/client-secrets-manager');
  let client = clients.get(secret.region);
  if (!client) {
    client = new sdk.SecretsManagerClient({ region: secret.region, maxAttempts: 2 });
    clients.set(secret.region, client);
  }
  try {
    return await client.send(makeCommand(sdk), { abortSignal: AbortSignal.timeout(SECRET_FETCH_TIMEOUT_MS) });
  } catch (err) {
    const why = describeFetchError(err);
    throw new CredentialsError(`cannot fetch ${variable} from Secrets Manager (${why})`, why);
  }
}

/**
 * The SecretString of one version stage (AWSCURRENT unless told), or undefined
 * when no version carries that stage (AWSPREVIOUS before the first rotation).
 * @param {string} variable @param {import('./config.mjs').SecretRef} secret
 * @param {'AWSCURRENT' | 'AWSPREVIOUS'} [stage]
 * @returns {Promise<string | undefined>}
 */
export async function getSecretString(variable, secret, stage = 'AWSCURRENT') {
  try {
    const out = await send(variable, secret,
      (sdk) => new sdk.GetSecretValueCommand({ SecretId: secret.arn, VersionStage: stage }));
    return out.SecretString;
  } catch (err) {
    if (stage !== 'AWSCURRENT' && err instanceof CredentialsError && err.awsError === 'ResourceNotFoundException') {
      return undefined;
    }
    throw err;
  }
}

/**
 * When the AWSCURRENT version was created (ListSecretVersionIds CreatedDate),
 * in ms since the epoch, or undefined if no version carries AWSCURRENT.
 * @param {string} variable @param {import('./config.mjs').SecretRef} secret
 */
export async function currentVersionCreated(variable, secret) {
  const out = await send(variable, secret,
    (sdk) => new sdk.ListSecretVersionIdsCommand({ SecretId: secret.arn }));
  const current = (out.Versions ?? []).find((v) => (v.VersionStages ?? []).includes('AWSCURRENT'));
  return current?.CreatedDate ? new Date(current.CreatedDate).getTime() : undefined;
}
