#!/usr/bin/env bash
# Drift check of one stack: a refresh preview against the code, with the image the pipeline
# deployed. Tells a real difference apart from a check that could not run, by Pulumi's own message
# for --expect-no-changes (both exit 255; pulumi/pulumi pkg/cmd/pulumi: "no changes were expected
# but changes were proposed", "... but changes occurred" in older commands).
#
# Usage: scripts/drift.sh <stack>
# Exit: 0 no drift, 1 drift (a real diff), 2 the check failed (credentials, lock, state, program).
# The preview's output is left in $DRIFT_OUTPUT (default: a temporary file) for the issue body.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"

stack=${1:?usage: drift.sh <stack>}
out=${DRIFT_OUTPUT:-$(mktemp)}
check_failed() {
  echo "::error::drift check failed for $stack (this is not drift; the check could not run): $*" >&2
  exit 2
}

use_stack_backend "$stack"
(require_secrets_provider "$stack" && require_stack_account "$stack") || check_failed "see the message above"
bash scripts/sync-image-tags.sh "$stack" || check_failed "cannot read the deployed image from the stack outputs"

status=0
pulumi preview --stack "$stack" --refresh --expect-no-changes --diff --non-interactive >"$out" 2>&1 || status=$?
cat "$out"
if ((status == 0)); then
  echo "no drift in $stack"
  exit 0
fi
if grep -qE 'no changes were expected( for [^ ]+)? but changes (were proposed|occurred)' "$out"; then
  echo "::error::drift detected in $stack: the live stack differs from the code on main"
  exit 1
fi
check_failed "pulumi preview exited with $status: $(tail -n 3 "$out" | tr '\n' ' ')"
