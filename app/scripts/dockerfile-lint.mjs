// Project Dockerfile rules (no Docker engine or hadolint binary here, so the
// rules are enforced on dockerfile-ast's parse tree). Usage:
//   node scripts/dockerfile-lint.mjs ../Dockerfile [more files...]
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';

export const RULES = {
  KC001: 'base images must be pinned to an exact version tag (x.y.z) or a digest; never latest',
  KC002: 'the final stage must switch to a non-root USER',
  KC003: 'the final stage must define a HEALTHCHECK',
  KC004: '`apk add` must use --no-cache',
  KC005: 'ADD may fetch a URL only with --checksum=sha256:<64 hex digits> (pinned and verified)',
};

const EXACT_TAG = /^v?\d+\.\d+\.\d+([.-][0-9A-Za-z.-]+)?$/;

/** @param {import('dockerfile-ast').Instruction} ins */
const line = (ins) => ins.getRange().start.line + 1;

/** @param {import('dockerfile-ast').Instruction} ins */
const plainArgs = (ins) => ins.getArguments().map((a) => a.getValue());

/**
 * @param {string} content
 * @returns {{ rule: keyof typeof RULES, line: number, message: string }[]}
 */
export function lintDockerfile(content) {
  const dockerfile = DockerfileParser.parse(content);
  /** @type {{ rule: keyof typeof RULES, line: number, message: string }[]} */
  const problems = [];
  const report = (rule, ln, detail) => problems.push({ rule, line: ln, message: `${RULES[rule]}: ${detail}` });

  const stageNames = new Set();
  /** @type {{ from: any, user?: { value: string, line: number }, healthcheck?: { none: boolean } }[]} */
  const stages = [];

  for (const ins of dockerfile.getInstructions()) {
    const keyword = ins.getKeyword();
    if (keyword === 'FROM') {
      const from = /** @type {import('dockerfile-ast').From} */ (ins);
      const image = from.getImage() ?? '';
      const name = from.getImageName() ?? '';
      const tag = from.getImageTag();
      const digest = from.getImageDigest();
      if (image.includes('$')) {
        report('KC001', line(ins), `"${image}" uses a variable, so its pin cannot be checked`);
      } else if (!stageNames.has(image.toLowerCase()) && name !== 'scratch') {
        if (!digest && (!tag || tag === 'latest' || !EXACT_TAG.test(tag.split('-')[0]))) {
          report('KC001', line(ins), `"${image}"`);
        }
      }
      const stage = from.getBuildStage();
      if (stage) stageNames.add(stage.toLowerCase());
      stages.push({ from });
    } else if (keyword === 'USER') {
      const cur = stages.at(-1);
      const value = (ins.getArgumentsContent() ?? '').trim();
      if (cur) cur.user = { value, line: line(ins) };
    } else if (keyword === 'HEALTHCHECK') {
      const cur = stages.at(-1);
      const args = plainArgs(ins);
      if (cur) cur.healthcheck = { none: args.length === 1 && args[0].toUpperCase() === 'NONE' };
    } else if (keyword === 'RUN') {
      const script = ins.getArgumentsContent() ?? '';
      // Look at each simple command so `apk update && apk add x` is caught.
      for (const cmd of script.split(/&&|\|\||;|\||\n/)) {
        const words = cmd.trim().split(/\s+/);
        const at = words.indexOf('apk');
        if (at >= 0 && words.slice(at + 1).includes('add') && !words.includes('--no-cache')) {
          report('KC004', line(ins), cmd.trim());
        }
      }
    } else if (keyword === 'ADD') {
      const sources = plainArgs(ins).filter((a) => !a.startsWith('--')).slice(0, -1);
      // BuildKit fails the build when the download does not hash to the digest.
      const pinned = /** @type {import('dockerfile-ast').Add} */ (ins).getFlags()
        .some((f) => f.getName() === 'checksum' && /^sha256:[0-9a-f]{64}$/.test(f.getValue() ?? ''));
      for (const src of sources) {
        if (/^git@/.test(src) || (/^[a-z][a-z0-9+.-]*:\/\//i.test(src) && !(pinned && /^https:\/\//.test(src)))) {
          report('KC005', line(ins), src);
        }
      }
    }
  }

  const final = stages.at(-1);
  if (!final) {
    problems.push({ rule: 'KC001', line: 1, message: 'no FROM instruction' });
    return problems;
  }
  const finalLine = line(final.from);
  if (!final.user) {
    report('KC002', finalLine, 'no USER in the final stage');
  } else if (/^(root|0)(:.*)?$/.test(final.user.value)) {
    report('KC002', final.user.line, `USER ${final.user.value}`);
  }
  if (!final.healthcheck) report('KC003', finalLine, 'no HEALTHCHECK in the final stage');
  else if (final.healthcheck.none) report('KC003', finalLine, 'HEALTHCHECK NONE');
  return problems.sort((a, b) => a.line - b.line);
}

async function main(files) {
  if (files.length === 0) {
    console.error('usage: dockerfile-lint.mjs <Dockerfile>...');
    process.exit(2);
  }
  let total = 0;
  for (const file of files) {
    const problems = lintDockerfile(await readFile(file, 'utf8'));
    for (const p of problems) console.error(`${file}:${p.line} ${p.rule} ${p.message}`);
    total += problems.length;
  }
  if (total) {
    console.error(`dockerfile-lint: ${total} problem(s)`);
    process.exit(1);
  }
  console.log(`dockerfile-lint: ${files.join(', ')} OK (${Object.keys(RULES).length} rules)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
