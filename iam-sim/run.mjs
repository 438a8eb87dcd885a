// Runs the simulation with node:test, prints the cases allowed/denied per role and stack, and
// ends with one line: "N passed, M failed" (exit status 1 on any failure).
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/model.mjs';

const dir = path.join(repoRoot, 'target/iam-sim');
fs.rmSync(dir, { recursive: true, force: true });
const files = fs.readdirSync('test').filter((f) => f.endsWith('.test.mjs')).map((f) => path.join('test', f));
let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1 });
stream.on('test:pass', (e) => { if (e.details?.type !== 'suite') passed += 1; });
stream.on('test:fail', (e) => { if (e.details?.type !== 'suite') failed += 1; });
const report = stream.compose(spec);
report.pipe(process.stdout);
// After the reporter's own summary, so that the closing line is the last one.
report.on('end', () => {
  const counts = {};
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    for (const [stack, roles] of Object.entries(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))) {
      counts[stack] ??= {};
      for (const [role, c] of Object.entries(roles)) {
        counts[stack][role] ??= { allowed: 0, denied: 0 };
        counts[stack][role].allowed += c.allowed;
        counts[stack][role].denied += c.denied;
      }
    }
  }
  console.log('\nSimulated cases (allowed / denied) per stack and role:');
  for (const [stack, roles] of Object.entries(counts).sort()) {
    for (const [role, c] of Object.entries(roles).sort()) {
      console.log(`  ${stack.padEnd(8)} ${role.padEnd(16)} ${String(c.allowed).padStart(5)} allowed ${String(c.denied).padStart(5)} denied`);
    }
  }
  fs.writeFileSync(path.join(dir, 'counts.json'), JSON.stringify(counts, null, 2) + '\n');
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
});
