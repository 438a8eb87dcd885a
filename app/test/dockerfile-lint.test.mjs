import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { lintDockerfile } from '../scripts/dockerfile-lint.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures', 'dockerfiles');
const lintCli = path.join(here, '..', 'scripts', 'dockerfile-lint.mjs');
const lintFixture = async (name) => lintDockerfile(await readFile(path.join(fixtures, name), 'utf8'));

test('the project Dockerfile passes every rule', async () => {
  const problems = lintDockerfile(await readFile(path.join(here, '..', '..', 'Dockerfile'), 'utf8'));
  assert.deepEqual(problems, []);
});

test('a compliant fixture passes (stage references and digests are not pins to check)', async () => {
  assert.deepEqual(await lintFixture('good.Dockerfile'), []);
  assert.deepEqual(lintDockerfile(
    'FROM node@sha256:' + 'a'.repeat(64) + '\nUSER 1001\nHEALTHCHECK CMD ["true"]\n'), []);
});

const cases = [
  ['latest-tag.Dockerfile', 'KC001', 1],
  ['no-tag.Dockerfile', 'KC001', 1],
  ['floating-tag.Dockerfile', 'KC001', 1],
  ['no-user.Dockerfile', 'KC002', 3],
  ['root-user.Dockerfile', 'KC002', 2],
  ['no-healthcheck.Dockerfile', 'KC003', 1],
  ['apk-cache.Dockerfile', 'KC004', 2],
  ['add-url.Dockerfile', 'KC005', 2],
  // A digest too short to be SHA-256, and plain http: neither is a pin.
  ['add-url-bad-checksum.Dockerfile', 'KC005', 2],
];

test('ADD of an https URL pinned with --checksum=sha256 passes KC005', async () => {
  assert.deepEqual(await lintFixture('add-url-checksum.Dockerfile'), []);
});

for (const [fixture, rule, lineNo] of cases) {
  test(`${fixture} fails exactly rule ${rule}`, async () => {
    const problems = await lintFixture(fixture);
    assert.deepEqual(problems.map((p) => [p.rule, p.line]), [[rule, lineNo]]);
  });
}

test('HEALTHCHECK NONE does not count as a health check', () => {
  const problems = lintDockerfile('FROM node:22.21.1-alpine3.22\nUSER node\nHEALTHCHECK NONE\n');
  assert.deepEqual(problems.map((p) => p.rule), ['KC003']);
});

test('the CLI exits non-zero and names file, line and rule', async () => {
  const run = promisify(execFile);
  await assert.rejects(run(process.execPath, [lintCli, path.join(fixtures, 'apk-cache.Dockerfile')]), (err) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr, /apk-cache\.Dockerfile:2 KC004/);
    return true;
  });
  const ok = await run(process.execPath, [lintCli, path.join(fixtures, 'good.Dockerfile')]);
  assert.match(ok.stdout, /OK/);
});
