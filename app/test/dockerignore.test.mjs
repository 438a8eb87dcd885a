// .dockerignore evaluated with @balena/dockerignore (Docker's matching rules):
// the context must carry app/ and nothing secret or from the Java program.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ignore from '@balena/dockerignore';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ig = ignore().add(readFileSync(path.join(repo, '.dockerignore'), 'utf8'));

test('sources the image build needs are in the context', () => {
  const tracked = execFileSync('git', ['ls-files', 'app'], { cwd: repo, encoding: 'utf8' })
    .split('\n').filter((f) => f && !f.startsWith('app/test/'));
  assert.ok(tracked.includes('app/package-lock.json'));
  assert.deepEqual(tracked.filter((f) => ig.ignores(f)), []);
});

test('build output, dependencies, secrets and the Java program stay out', () => {
  const excluded = ['app/node_modules/next/package.json', 'node_modules/x/index.js', 'app/.next/standalone/server.js',
    'target/classes/App.class', 'src/main/java/App.java', 'pom.xml', 'Pulumi.yaml', 'Pulumi.prod.yaml',
    '.git/HEAD', '.github/workflows/ci.yml', '.ci/run', '.env', '.env.production', 'app/.env', 'app/.env.local',
    'app/certs/server.key', 'app/certs/server.pem', 'README.md', 'app/test/server.test.mjs'];
  assert.deepEqual(excluded.filter((f) => !ig.ignores(f)), []);
});
