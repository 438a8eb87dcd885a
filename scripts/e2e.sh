#!/usr/bin/env bash
# Ephemeral end-to-end stack for .github/workflows/e2e.yml (real AWS in a sandbox account, costs
# money). Its configuration is Pulumi.e2e.yaml (no account-level resources, no domain, no API-key
# secrets); the deploy itself is the real one (scripts/deploy.sh), so the run tests it too.
#
#   e2e.sh create  <stack>   Pulumi.e2e.yaml -> Pulumi.<stack>.yaml, pulumi stack init with the
#                            sandbox account's KMS secrets provider
#   e2e.sh up      <stack>   full pulumi up: everything, the service with zero tasks (no image yet)
#   e2e.sh destroy <stack>   empties its registry and its buckets (every version), unprotects,
#                            destroys (one retry), removes the stack and its stack file
#
# Only stacks named e2e-* are accepted, so a typo can never destroy staging or prod.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"
cmd=${1:?usage: e2e.sh create|up|destroy <stack>}
stack=${2:?stack name required}
[[ "$stack" =~ ^e2e-[a-z0-9-]+$ ]] || { echo "e2e.sh: refusing stack '$stack': only e2e-* stacks are ephemeral" >&2; exit 1; }

log() { printf '==> [%s] %s\n' "$stack" "$*"; }

state_ids() { # <resource type>: the ids of every resource of that type in the state
  pulumi stack export --stack "$stack" | jq -r --arg t "$1" '.deployment.resources[] | select(.type == $t) | .id'
}

create() {
  # Waivers name the template's resources (e2e-...): the copy's resources are named after its stack.
  sed "/^secretsprovider:/d; /^encryptedkey:/d; /resources: \[/s/\([[ ,]\)e2e-/\1$stack-/g" Pulumi.e2e.yaml >"Pulumi.$stack.yaml"
  use_stack_backend "$stack"
  require_stack_account "$stack"
  pulumi stack init "$stack" --secrets-provider "$(stack_secrets_provider "$stack")"
  log "created from Pulumi.e2e.yaml"
}

up() {
  enter_stack "$stack"
  pulumi up --stack "$stack" --yes --diff --non-interactive --message "e2e run ${GITHUB_RUN_ID:-local}"
}

empty_bucket() { # every object version and delete marker, 1000 per request
  local bucket=$1 batch
  while :; do
    batch=$(aws s3api list-object-versions --bucket "$bucket" --max-items 1000 --output json |
      jq -c '{Objects: ([(.Versions // [])[], (.DeleteMarkers // [])[]] | map({Key, VersionId})), Quiet: true}')
    [[ $(jq '.Objects | length' <<<"$batch") -gt 0 ]] || break
    aws s3api delete-objects --bucket "$bucket" --delete "$batch" >/dev/null
  done
}

destroy() {
  local status=0 name bucket
  use_stack_backend "$stack"
  require_stack_account "$stack"
  while IFS= read -r name; do
    [[ -z "$name" ]] && continue
    log "emptying registry $name"
    aws ecr list-images --repository-name "$name" --query 'imageIds' --output json |
      jq -c '.[:100]' | while read -r ids; do
        [[ "$ids" == "[]" ]] || aws ecr batch-delete-image --repository-name "$name" --image-ids "$ids" >/dev/null
      done
  done < <(state_ids "aws:ecr/repository:Repository")
  # The load balancer's log bucket is never force-destroyed by the program: empty every bucket here.
  while IFS= read -r bucket; do
    [[ -z "$bucket" ]] && continue
    log "emptying bucket $bucket"
    empty_bucket "$bucket"
  done < <(state_ids "aws:s3/bucketV2:BucketV2")
  pulumi state unprotect --stack "$stack" --all --yes || true
  if ! pulumi destroy --stack "$stack" --yes --non-interactive --continue-on-error; then
    log "destroy failed once (eventual consistency, late log objects): retrying"
    while IFS= read -r bucket; do [[ -n "$bucket" ]] && empty_bucket "$bucket"; done < <(state_ids "aws:s3/bucketV2:BucketV2")
    pulumi destroy --stack "$stack" --yes --non-interactive --continue-on-error || status=1
  fi
  if ((status == 0)); then
    pulumi stack rm "$stack" --yes
    rm -f "Pulumi.$stack.yaml"
    log "destroyed and removed"
  else
    echo "::error::destroying $stack failed: resources are left in the sandbox account; run 'scripts/e2e.sh destroy $stack' again" >&2
    pulumi stack export --stack "$stack" | jq -r '.deployment.resources[] | select(.custom) | "  left: \(.type) \(.id)"' >&2 || true
  fi
  return "$status"
}

case "$cmd" in
  create) create ;;
  up) up ;;
  destroy) destroy ;;
  *) echo "e2e.sh: unknown subcommand '$cmd'" >&2 && exit 2 ;;
esac
