#!/usr/bin/env node
// Repository policy for GitHub Actions workflows, and the extraction of their `run:` scripts for
// shellcheck. Called by scripts/lint-workflows.sh (which installs the pinned `yaml` parser into
// .tools/ and passes its path); not meant to be run on its own.
//
// Usage: node scripts/workflow-policy.mjs <yaml-module-dir> <out-dir> <workflow.yml>...
//
// Policy (each finding is printed as `file:line: [rule] message`, exit 1 if any):
//   pin-sha          every action (GitHub's own included; not ./local or docker://) is pinned to a
//                    40-hex commit SHA with a `# vX.Y.Z` comment naming the release it was checked
//                    against: a tag can be moved, a SHA cannot
//   permissions      the workflow declares top-level `permissions` and every job declares its own
//   expression-in-run  no `${{ }}` inside a `run:` script: values reach scripts through `env:`, so a PR
//                    title or branch name can never be spliced into shell code (script injection)
//   shell            `run:` steps use bash or sh (the only shells linted); anything else is a finding
//   timeout          every job that runs steps sets `timeout-minutes` (no 6-hour hung deploys)
//
// Extraction: every bash/sh `run:` script is written to <out-dir>/NNNN.sh and listed in
// <out-dir>/index.tsv as `file<TAB>firstLine<TAB>shell<TAB>where`, so the caller maps shellcheck's
// line numbers back to the workflow (workflow line = firstLine + scriptLine - 1).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [yamlDir, outDir, ...files] = process.argv.slice(2);
if (!yamlDir || !outDir || files.length === 0) {
  console.error("usage: workflow-policy.mjs <yaml-module-dir> <out-dir> <workflow.yml>...");
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(yamlDir), "noop.js"));
const YAML = require("yaml");

const SHA_PIN = /^[^@\s]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v\d+(\.\d+){0,2}\b/;
const LINTED_SHELLS = new Map([
  ["bash", "bash"],
  ["sh", "sh"],
]);

const findings = [];
const index = [];
let scriptCount = 0;

function lineOf(lc, node) {
  return node && node.range ? lc.linePos(node.range[0]).line : 1;
}

function report(file, line, rule, message) {
  findings.push(`${file}:${line}: [${rule}] ${message}`);
}

function shellName(shell) {
  // "bash", "bash -e {0}", "bash --noprofile --norc -eo pipefail {0}" -> "bash"
  return String(shell).trim().split(/\s+/)[0];
}

for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  const lines = text.split("\n");
  const lc = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lc, keepSourceTokens: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      report(file, e.linePos ? e.linePos[0].line : 1, "yaml", e.message.split("\n")[0]);
    }
    continue;
  }
  const wf = doc.contents;
  if (!YAML.isMap(wf)) {
    report(file, 1, "yaml", "a workflow must be a mapping");
    continue;
  }
  if (!wf.has("permissions")) {
    report(file, 1, "permissions", "declare top-level `permissions` (e.g. `permissions: {}`) so no job inherits the default token scope");
  }
  const wfShell = doc.getIn(["defaults", "run", "shell"]);
  const jobs = wf.get("jobs");
  if (!YAML.isMap(jobs)) continue;
  for (const jobPair of jobs.items) {
    const jobId = String(jobPair.key.value);
    const job = jobPair.value;
    const jobLine = lineOf(lc, jobPair.key);
    if (!YAML.isMap(job)) continue;
    if (!job.has("permissions")) {
      report(file, jobLine, "permissions", `job '${jobId}' must declare its own minimal \`permissions\``);
    }
    const steps = job.get("steps");
    if (YAML.isSeq(steps) && !job.has("timeout-minutes")) {
      report(file, jobLine, "timeout", `job '${jobId}' must set \`timeout-minutes\``);
    }
    // A job calling a reusable workflow pins it like an action when it is not local.
    const jobUses = job.get("uses");
    if (jobUses) checkUses(file, lines, lineOf(lc, job.get("uses", true)), String(jobUses));
    if (!YAML.isSeq(steps)) continue;
    const jobShell = job.getIn(["defaults", "run", "shell"]);
    steps.items.forEach((step, i) => {
      if (!YAML.isMap(step)) return;
      const name = step.get("name") ? `'${step.get("name")}'` : `#${i + 1}`;
      const where = `job '${jobId}' step ${name}`;
      const uses = step.get("uses");
      if (uses) checkUses(file, lines, lineOf(lc, step.get("uses", true)), String(uses));
      const runNode = step.get("run", true);
      if (!runNode) return;
      const script = String(runNode.value ?? "");
      const shell = shellName(step.get("shell") ?? jobShell ?? wfShell ?? "bash");
      const blockScalar =
        runNode.type === YAML.Scalar.BLOCK_LITERAL || runNode.type === YAML.Scalar.BLOCK_FOLDED;
      const firstLine = lineOf(lc, runNode) + (blockScalar ? 1 : 0);
      if (script.includes("${{")) {
        const offset = script.split("\n").findIndex((l) => l.includes("${{"));
        report(file, firstLine + offset, "expression-in-run",
          `${where}: move the \${{ }} expression into the step's \`env:\` and use "$VAR" in the script`);
      }
      if (!LINTED_SHELLS.has(shell)) {
        report(file, firstLine, "shell", `${where}: shell '${shell}' is not linted; use bash`);
        return;
      }
      if (runNode.type === YAML.Scalar.BLOCK_FOLDED) {
        report(file, firstLine, "shell", `${where}: use a literal block (\`run: |\`), a folded one changes the script's lines`);
      }
      scriptCount += 1;
      const out = path.join(outDir, `${String(scriptCount).padStart(4, "0")}.sh`);
      fs.writeFileSync(out, script);
      index.push([file, firstLine, LINTED_SHELLS.get(shell), where].join("\t"));
    });
  }
}

function checkUses(file, lines, line, uses) {
  if (uses.startsWith("./") || uses.startsWith("docker://")) return;
  if (!SHA_PIN.test(uses)) {
    report(file, line, "pin-sha", `'${uses}': pin every action to a full commit SHA (and say the version in a comment)`);
  } else if (!VERSION_COMMENT.test(lines[line - 1] ?? "")) {
    report(file, line, "pin-sha", `'${uses}': add a '# vX.Y.Z' comment naming the release this SHA was taken from`);
  }
}

fs.writeFileSync(path.join(outDir, "index.tsv"), index.map((r) => r + "\n").join(""));
for (const f of findings) console.log(f);
console.log(`workflow policy: ${files.length} workflow(s), ${scriptCount} run script(s) extracted, ${findings.length} finding(s)`);
process.exit(findings.length > 0 ? 1 : 0);
