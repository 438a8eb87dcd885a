#!/usr/bin/env bash
# Copies the image the pipeline last deployed into the local stack config, so that a `pulumi
# preview`/`up` run by anyone other than the deploy job (drift check, pull-request preview, a human)
# plans against what is running instead of reverting it to zero tasks (the committed
# Pulumi.<stack>.yaml names no image: a stack has none until the pipeline's first deploy).
#
# The deploy job is the single owner of the image: it sets `knowledge-card:imageTag` and
# `knowledge-card:migrationImageTag` and the program exports them as the stack outputs `imageTag`
# and `migrationImageTag`. Those outputs, not the committed file, are the source of truth.
#
# Usage: scripts/sync-image-tags.sh <stack>
# Needs: pulumi (logged in to the stack's backend), jq. Changes only the local Pulumi.<stack>.yaml;
# humans: do not commit that change (`git checkout Pulumi.<stack>.yaml` afterwards).
set -Eeuo pipefail

stack=${1:?usage: sync-image-tags.sh <stack>}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/image-ref.sh
source "$ROOT/scripts/lib/image-ref.sh"

if ! outputs=$(pulumi stack output --stack "$stack" --json); then
  echo "sync-image-tags: cannot read the outputs of stack '$stack' (logged in to the right backend?)" >&2
  exit 1
fi

synced=0
for key in imageTag migrationImageTag; do
  value=$(jq -r --arg k "$key" '.[$k] // empty' <<<"$outputs")
  if [[ -z "$value" ]]; then
    echo "sync-image-tags: stack '$stack' has no output '$key' yet (never deployed by the pipeline): it stays unset (zero tasks)"
    continue
  fi
  require_image_ref "$key" "$value"
  pulumi config set --stack "$stack" "knowledge-card:$key" "$value"
  echo "sync-image-tags: $stack knowledge-card:$key = $value (from the stack output)"
  synced=$((synced + 1))
done
echo "sync-image-tags: $synced key(s) synced for stack '$stack'"
