#!/usr/bin/env bash
# `pulumi preview` of one stack as the next deploy would apply it, for pull requests and for prod's
# approvers: against the image the pipeline deployed (scripts/sync-image-tags.sh) or, given a
# digest, with the images that deploy will set. The diff goes to stdout and the job summary.
#
# Usage: scripts/preview.sh <stack> [digest]
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"
# shellcheck source=scripts/lib/image-ref.sh
source "$ROOT/scripts/lib/image-ref.sh"

stack=${1:?usage: preview.sh <stack> [digest]}
digest=${2:-}
enter_stack "$stack"
bash scripts/sync-image-tags.sh "$stack"
if [[ -n "$digest" ]]; then
  require_digest preview "$digest"
  # Local only (this job never writes state): what deploy-stack.yml will set before its updates.
  pulumi config set --stack "$stack" knowledge-card:migrationImageTag "$digest"
  pulumi config set --stack "$stack" knowledge-card:imageTag "$digest"
fi
out=$(mktemp)
status=0
pulumi preview --stack "$stack" --diff --non-interactive >"$out" 2>&1 || status=$?
cat "$out"
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  {
    echo "### pulumi preview of \`$stack\`${digest:+ with image \`$digest\`}"
    ((status == 0)) || echo "**the preview failed (exit $status)**"
    echo '```'
    tail -n 300 "$out"
    echo '```'
  } >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
