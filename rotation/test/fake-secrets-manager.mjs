// A loopback Secrets Manager speaking the JSON protocol the AWS SDK uses (POST /, header
// X-Amz-Target: secretsmanager.<Operation>, application/x-amz-json-1.1, errors as {"__type"}), with
// the version and staging-label rules the rotation function relies on.
import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

class AwsError extends Error {
  constructor(type, message) {
    super(message);
    this.type = type;
  }
}

export class FakeSecretsManager {
  secrets = new Map(); // arn -> {arn, rotationEnabled, versions: Map(id -> {stages:Set, value?})}
  calls = [];

  /** A secret with no value, as the program creates them. */
  create(arn, { rotationEnabled = true } = {}) {
    this.secrets.set(arn, { arn, rotationEnabled, versions: new Map() });
  }

  /** What RotateSecret does before it calls the function: a new version labelled AWSPENDING. */
  startRotation(arn, token) {
    this.#label(this.#secret(arn), 'AWSPENDING', token);
  }

  /** What Secrets Manager does once finishSecret succeeded: the label AWSPENDING goes away. */
  endRotation(arn, token) {
    this.#secret(arn).versions.get(token)?.stages.delete('AWSPENDING');
  }

  /** Writes a value and makes it AWSCURRENT (an operator's put-secret-value). */
  put(arn, token, value) {
    const secret = this.#secret(arn);
    secret.versions.set(token, { stages: new Set(), value });
    this.#label(secret, 'AWSCURRENT', token);
  }

  current(arn) {
    return this.#byStage(this.#secret(arn), 'AWSCURRENT');
  }

  stagesOf(arn, token) {
    return [...(this.#secret(arn).versions.get(token)?.stages ?? [])].sort();
  }

  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const operation = String(req.headers['x-amz-target'] ?? '').replace('secretsmanager.', '');
        this.calls.push(operation);
        let status = 200;
        let out;
        try {
          const handler = this[`op${operation}`];
          if (!handler) throw new AwsError('InvalidRequestException', `unsupported ${operation}`);
          out = handler.call(this, JSON.parse(body || '{}'));
        } catch (err) {
          if (!(err instanceof AwsError)) throw err;
          status = 400;
          out = { __type: err.type, message: err.message };
        }
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(out));
      });
    });
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }

  stop() {
    return new Promise((resolve) => this.server.close(resolve));
  }

  opDescribeSecret({ SecretId }) {
    const secret = this.#secret(SecretId);
    const stages = {};
    for (const [id, v] of secret.versions) if (v.stages.size) stages[id] = [...v.stages];
    return { ARN: secret.arn, Name: secret.arn, RotationEnabled: secret.rotationEnabled, VersionIdsToStages: stages };
  }

  opGetSecretValue({ SecretId, VersionId, VersionStage }) {
    const secret = this.#secret(SecretId);
    const id = VersionId ?? this.#byStage(secret, VersionStage ?? 'AWSCURRENT');
    const version = secret.versions.get(id);
    if (!version || version.value === undefined || (VersionStage && !version.stages.has(VersionStage))) {
      throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value");
    }
    return { ARN: secret.arn, VersionId: id, SecretString: version.value, VersionStages: [...version.stages] };
  }

  opPutSecretValue({ SecretId, ClientRequestToken, SecretString, VersionStages = ['AWSCURRENT'] }) {
    const secret = this.#secret(SecretId);
    const existing = secret.versions.get(ClientRequestToken);
    if (existing?.value !== undefined && existing.value !== SecretString) {
      throw new AwsError('ResourceExistsException', 'a version with this token has another value');
    }
    secret.versions.set(ClientRequestToken, { stages: existing?.stages ?? new Set(), value: SecretString });
    for (const stage of VersionStages) this.#label(secret, stage, ClientRequestToken);
    return { ARN: secret.arn, VersionId: ClientRequestToken, VersionStages };
  }

  opUpdateSecretVersionStage({ SecretId, VersionStage, MoveToVersionId, RemoveFromVersionId }) {
    const secret = this.#secret(SecretId);
    const holder = this.#byStage(secret, VersionStage);
    if (holder && holder !== MoveToVersionId && holder !== RemoveFromVersionId) {
      throw new AwsError('InvalidParameterException', `${VersionStage} is attached to ${holder}, not the version to remove it from`);
    }
    if (!secret.versions.has(MoveToVersionId)) throw new AwsError('ResourceNotFoundException', 'no such version');
    this.#label(secret, VersionStage, MoveToVersionId);
    return { ARN: secret.arn };
  }

  opGetRandomPassword({ PasswordLength = 32, ExcludePunctuation }) {
    if (!ExcludePunctuation) throw new AwsError('InvalidParameterException', 'the fake makes alphanumerics only');
    let out = '';
    while (out.length < PasswordLength) out += ALNUM[randomInt(ALNUM.length)];
    return { RandomPassword: out };
  }

  #secret(arn) {
    const secret = this.secrets.get(arn);
    if (!secret) throw new AwsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret ${arn}`);
    return secret;
  }

  #byStage(secret, stage) {
    for (const [id, v] of secret.versions) if (v.stages.has(stage)) return id;
    return undefined;
  }

  // A label is on one version at a time; moving AWSCURRENT labels the old holder AWSPREVIOUS.
  #label(secret, stage, id) {
    const previous = this.#byStage(secret, stage);
    if (previous === id) return;
    if (previous) secret.versions.get(previous).stages.delete(stage);
    if (!secret.versions.has(id)) secret.versions.set(id, { stages: new Set() });
    secret.versions.get(id).stages.add(stage);
    if (stage === 'AWSCURRENT' && previous) this.#label(secret, 'AWSPREVIOUS', previous);
  }
}
