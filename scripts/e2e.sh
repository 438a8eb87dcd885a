#!/usr/bin/env bash
# Ephemeral end-to-end stack for .github/workflows/e2e.yml (real AWS, costs money).
#
#   e2e.sh create  <stack>                 pulumi stack init + staging's config (secrets re-encrypted)
#   e2e.sh deploy  <stack> <build-repo>    image of $GITHUB_SHA -> the stack's own registry -> full up
#                                          -> migration task (exit code checked)
#   e2e.sh destroy <stack>                 empties its registry, unprotects, destroys, removes the stack
#
# Only stacks named e2e-* are accepted, so a typo can never destroy staging or prod.
# Unlike staging/prod (scripts/deploy.sh), the service starts before the migration here: the stack
# is new and empty, nothing old is serving, and the deep health check runs after the migration.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
cmd=${1:?usage: e2e.sh create|deploy|destroy <stack> [build-repo]}
stack=${2:?stack name required}
[[ "$stack" =~ ^e2e-[a-z0-9-]+$ ]] || { echo "e2e.sh: refusing stack '$stack': only e2e-* stacks are ephemeral" >&2; exit 1; }

log() { printf '==> [%s] %s\n' "$stack" "$*"; }

state_value() { # <resource type> <output>: that output of the only resource of that type in the state
  pulumi stack export --stack "$stack" |
    jq -r --arg t "$1" --arg o "$2" '[.deployment.resources[] | select(.type == $t) | .outputs[$o]] | if length == 1 then .[0] else empty end'
}

create() {
  local args=()
  [[ -n "${PULUMI_SECRETS_PROVIDER:-}" ]] && args+=(--secrets-provider "$PULUMI_SECRETS_PROVIDER")
  pulumi stack init "$stack" "${args[@]}"
  # `config cp` decrypts staging's secrets and re-encrypts them with this stack's key.
  pulumi config cp --stack staging --dest "$stack"
  log "created from staging's configuration"
}

deploy() {
  local build_repo=$1 digest plan targets registry
  digest=$(bash scripts/image.sh find "$build_repo" "${GITHUB_SHA:?}")
  [[ -n "$digest" ]] || { echo "e2e.sh: $GITHUB_SHA has no image in $build_repo: run the Deploy workflow for it first" >&2; exit 1; }
  pulumi config set --stack "$stack" knowledge-card:imageTag "$digest"
  pulumi config set --stack "$stack" knowledge-card:migrationImageTag "$digest"

  # The stack's registry must hold the image before the service is created: first create only the
  # ECR repository, with its ancestors, its dependencies and the providers (taken from the plan).
  plan=$(pulumi preview --stack "$stack" --json --non-interactive)
  targets=$(jq -r '
    [.steps[] | .newState // empty] as $s
    | ($s | map({key: .urn, value: .}) | from_entries) as $by
    | def closure(u): [u] + ([($by[u].dependencies // [])[], ($by[u].parent // empty)] | map(select($by[.] != null)) | map(closure(.)) | add // []);
      ([$s[] | select(.type == "aws:ecr/repository:Repository") | .urn] | map(closure(.)) | add // [])
      + [$s[] | select(.type | startswith("pulumi:providers:")) | .urn]
    | unique | .[]' <<<"$plan")
  [[ -n "$targets" ]] || { echo "e2e.sh: the plan has no ECR repository" >&2; exit 1; }
  local target_args=()
  while IFS= read -r urn; do target_args+=(--target "$urn"); done <<<"$targets"
  log "creating the registry first (${#target_args[@]} target arguments)"
  pulumi up --stack "$stack" --yes --non-interactive "${target_args[@]}"
  registry=$(state_value "aws:ecr/repository:Repository" repositoryUrl)
  bash scripts/image.sh promote "$build_repo" "$digest" "$registry" "$GITHUB_SHA"

  log "full pulumi up"
  pulumi up --stack "$stack" --yes --non-interactive
  bash scripts/deploy.sh run-migration "$stack" "$digest"
}

destroy() {
  local status=0 registry name
  registry=$(state_value "aws:ecr/repository:Repository" repositoryUrl 2>/dev/null || true)
  if [[ -n "$registry" && "$registry" != "null" ]]; then
    name=${registry#*/}
    log "emptying registry $name"
    aws ecr list-images --repository-name "$name" --query 'imageIds' --output json |
      jq -c '.[:100]' | while read -r ids; do
        [[ "$ids" == "[]" ]] || aws ecr batch-delete-image --repository-name "$name" --image-ids "$ids" >/dev/null
      done
  fi
  pulumi state unprotect --stack "$stack" --all --yes || true
  pulumi destroy --stack "$stack" --yes --non-interactive --continue-on-error || status=1
  if ((status == 0)); then
    pulumi stack rm "$stack" --yes
    log "destroyed and removed"
  else
    echo "::error::destroying $stack failed: resources are left in AWS; run 'pulumi destroy --stack $stack' by hand" >&2
  fi
  return "$status"
}

case "$cmd" in
  create) create ;;
  deploy) deploy "${3:?build repository url required}" ;;
  destroy) destroy ;;
  *) echo "e2e.sh: unknown subcommand '$cmd'" >&2 && exit 2 ;;
esac
