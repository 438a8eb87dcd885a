#!/usr/bin/env bash
# The deploy sequence of one stack, one step per subcommand so each shows as its own step (and its
# own failure) in the workflow. Every step first checks that the credentials are valid and belong
# to the account Pulumi.<stack>.yaml pins, and reads only that stack's backend (scripts/lib/stack.sh).
# The order is the migration design documented in docs/delivery.md:
#
#   preflight             every secret of the stack must have a value (an AWSCURRENT version);
#                         names each empty one with the command that fills it. Reads metadata only
#                         (describe-secret), never a value. Run before any step that starts tasks.
#   migration-definition  pulumi config set migrationImageTag <digest>; a FULL pulumi up (no
#                         --target: whatever the commit adds, secrets included, is created first);
#                         imageTag is untouched, so the service keeps its image; check the migration
#                         task definition's latest revision runs <digest>
#   run-migration         preflight, then aws ecs run-task of that revision; wait; check the exit
#                         code; print the CloudWatch log link and the log tail
#   roll-service          pulumi config set imageTag <digest>; full pulumi up (the service rolls, ECS
#                         circuit breaker with rollback armed by the program)
#   smoke                 GET <publicUrl>/api/health/ready until 200 {"status":"ok"} or the deadline
#   rollout               ECS deployments[].rolloutState of the service: COMPLETED on the new revision,
#                         or FAILED (the circuit breaker rolled back) reported as such
#   restore               after a failed rollout or smoke test: pulumi up with the previous image
#                         ("none" on a first deploy: back to zero tasks), so the stack again
#                         describes what runs (the job still fails)
#
# Usage: scripts/deploy.sh <subcommand> <stack> [digest | previous image | none]
# Needs: pulumi, aws (credentials of the stack's deploy role), jq, curl.
# Tunables (env): MIGRATION_TIMEOUT_SECONDS (1800), SMOKE_DEADLINE_SECONDS (300),
# SMOKE_INTERVAL_SECONDS (10), POLL_SECONDS (10).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/image-ref.sh
source "$ROOT/scripts/lib/image-ref.sh"
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"

cmd=${1:?usage: deploy.sh <preflight|migration-definition|run-migration|roll-service|smoke|rollout|restore> <stack> [digest]}
stack=${2:?stack name required}
region=$(stack_region "$stack")

log() { printf '==> [%s] %s\n' "$stack" "$*"; }
fail() {
  printf '::error title=%s %s::%s\n' "$stack" "$cmd" "$*" >&2
  summary "**$stack $cmd failed:** $*"
  exit 1
}
summary() { if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then printf '%s\n' "$*" >>"$GITHUB_STEP_SUMMARY"; fi; }

stack_output() { # <name>: JSON value of one stack output, or fails naming it
  local value
  value=$(pulumi stack output --stack "$stack" --json "$1" 2>/dev/null) || fail "stack output '$1' is missing: deploy the stack once as an administrator (docs/runbook.md, bootstrap)"
  [[ -n "$value" && "$value" != "null" ]] || fail "stack output '$1' is empty"
  printf '%s' "$value"
}

# Image of <container> in the given task definition (family or ARN).
task_definition_image() {
  aws ecs describe-task-definition --task-definition "$1" --output json |
    jq -r --arg c "$2" '.taskDefinition.containerDefinitions[] | select(.name == $c) | .image'
}

console_log_url() { # <group> <stream>: CloudWatch console link (the console double-encodes '/')
  local enc_group enc_stream
  enc_group=$(jq -rn --arg s "$1" '$s | @uri | gsub("%"; "$25")')
  enc_stream=$(jq -rn --arg s "$2" '$s | @uri | gsub("%"; "$25")')
  printf 'https://%s.console.aws.amazon.com/cloudwatch/home?region=%s#logsV2:log-groups/log-group/%s/log-events/%s' \
    "$region" "$region" "$enc_group" "$enc_stream"
}

preflight() {
  local arns arn described name hint empty=()
  arns=$(pulumi stack export --stack "$stack" |
    jq -r '.deployment.resources[] | select(.type == "aws:secretsmanager/secret:Secret") | .outputs.arn // .id') ||
    fail "cannot read the state of stack '$stack'"
  while IFS= read -r arn; do
    [[ -z "$arn" ]] && continue
    described=$(aws secretsmanager describe-secret --secret-id "$arn" --output json) ||
      fail "cannot describe secret $arn"
    if jq -e '[(.VersionIdsToStages // {})[][]] | any(. == "AWSCURRENT")' >/dev/null <<<"$described"; then
      continue
    fi
    name=$(jq -r '.Name' <<<"$described")
    if [[ $(jq -r '.RotationEnabled // false' <<<"$described") == "true" ]]; then
      # Its rotation function sets the first value (and every later one).
      hint="aws secretsmanager rotate-secret --region $region --secret-id $name"
    else
      hint="read -rs VALUE && aws secretsmanager put-secret-value --region $region --secret-id $name --secret-string \"\$VALUE\""
    fi
    empty+=("$name: $hint")
  done <<<"$arns"
  if ((${#empty[@]} > 0)); then
    local line
    for line in "${empty[@]}"; do
      printf '::error title=%s preflight::empty secret %s\n' "$stack" "$line" >&2
      summary "- empty secret \`${line%%: *}\`: \`${line#*: }\`"
    done
    fail "${#empty[@]} secret(s) have no value (no AWSCURRENT version), so tasks that reference them cannot start: fill each with the command above, then re-run the deploy"
  fi
  log "every secret of the stack has a current value"
}

migration_definition() {
  local digest=$1 task family container image
  pulumi config set --stack "$stack" knowledge-card:migrationImageTag "$digest"
  # A full update: a commit that adds a secret or any resource the task definitions reference is
  # created in this same update (--target would refuse it). Only migrationImageTag changed in the
  # config; imageTag still names what runs, so the service keeps its image.
  log "pulumi up (everything this commit changes, migration task definition -> $digest)"
  pulumi up --stack "$stack" --yes --diff --non-interactive \
    --message "migrations of $digest (${GITHUB_SHA:-local})" ||
    fail "pulumi up with the new migration image failed; the service image was not changed (run 'deploy.sh preflight $stack' if a new secret is empty)"
  task=$(stack_output migrationTask)
  family=$(jq -r '.taskDefinitionFamily' <<<"$task")
  container=$(jq -r '.containerName' <<<"$task")
  image=$(task_definition_image "$family" "$container")
  [[ "$image" == *"@$digest" ]] ||
    fail "the latest '$family' revision runs '$image', expected '...@$digest'"
  log "migration task definition $family now runs $image"
  summary "- migration task definition \`$family\` -> \`$digest\`"
}

run_migration() {
  local digest=$1 task cluster family container group prefix td_arn image netcfg overrides run task_arn task_id
  preflight
  task=$(stack_output migrationTask)
  cluster=$(jq -r '.cluster' <<<"$task")
  family=$(jq -r '.taskDefinitionFamily' <<<"$task")
  container=$(jq -r '.containerName' <<<"$task")
  group=$(jq -r '.logGroupName' <<<"$task")
  prefix=$(jq -r '.logStreamPrefix' <<<"$task")
  # Pin the exact revision (not the family) and re-check its image: never migrate with another image.
  td_arn=$(aws ecs describe-task-definition --task-definition "$family" --query 'taskDefinition.taskDefinitionArn' --output text)
  image=$(task_definition_image "$td_arn" "$container")
  [[ "$image" == *"@$digest" ]] || fail "$td_arn runs '$image', not '...@$digest': run migration-definition first"
  netcfg=$(jq -c '{awsvpcConfiguration: {subnets: .subnets, securityGroups: .securityGroups, assignPublicIp: "DISABLED"}}' <<<"$task")
  overrides=$(jq -c --arg c "$container" '{containerOverrides: [{name: $c, command: .command}]}' <<<"$task")
  log "aws ecs run-task $td_arn on $cluster"
  run=$(aws ecs run-task --cluster "$cluster" --task-definition "$td_arn" --launch-type FARGATE \
    --count 1 --started-by "deploy-${GITHUB_RUN_ID:-local}" --network-configuration "$netcfg" \
    --overrides "$overrides" --output json) || fail "aws ecs run-task was refused"
  if [[ $(jq '.failures | length' <<<"$run") != 0 ]]; then
    fail "run-task failures: $(jq -c '.failures' <<<"$run")"
  fi
  task_arn=$(jq -r '.tasks[0].taskArn' <<<"$run")
  task_id=${task_arn##*/}
  local stream="$prefix/$container/$task_id" url
  url=$(console_log_url "$group" "$stream")
  log "migration task $task_id started; logs: $url"
  summary "- migration task \`$task_id\` ([logs]($url))"

  local deadline=$((SECONDS + ${MIGRATION_TIMEOUT_SECONDS:-1800})) status=""
  while ((SECONDS < deadline)); do
    status=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task_arn" --query 'tasks[0].lastStatus' --output text)
    [[ "$status" == "STOPPED" ]] && break
    sleep "${POLL_SECONDS:-10}"
  done
  [[ "$status" == "STOPPED" ]] ||
    fail "migration task $task_id still $status after ${MIGRATION_TIMEOUT_SECONDS:-1800}s (left running; see $url); the service was not touched"

  local described exit_code reason
  described=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task_arn" --output json)
  exit_code=$(jq -r --arg c "$container" '.tasks[0].containers[] | select(.name == $c) | .exitCode // "none"' <<<"$described")
  reason=$(jq -r '.tasks[0].stoppedReason // ""' <<<"$described")
  log "last log lines of $stream:"
  aws logs get-log-events --log-group-name "$group" --log-stream-name "$stream" --limit 50 \
    --no-start-from-head --query 'events[].message' --output text 2>/dev/null | tr '\t' '\n' || true
  if [[ "$exit_code" != "0" ]]; then
    fail "migration task $task_id exited with '$exit_code' ($reason); logs: $url. The running version is untouched: fix the migration and push again"
  fi
  log "migrations applied (exit code 0)"
  summary "- migrations applied with \`$digest\` (exit code 0)"
}

roll_service() {
  local digest=$1
  pulumi config set --stack "$stack" knowledge-card:imageTag "$digest"
  log "pulumi up (service rolls to $digest; the ECS circuit breaker rolls back a failed rollout)"
  pulumi up --stack "$stack" --yes --diff --non-interactive \
    --message "deploy $digest (${GITHUB_SHA:-local})" ||
    fail "pulumi up failed while rolling the service to $digest; see the rollout step for what ECS did"
  summary "- service rolled to \`$digest\`"
}

smoke() {
  local base url deadline body code attempt=0
  base=$(stack_output publicUrl | jq -r '.')
  url="${base%/}/api/health/ready"
  deadline=$((SECONDS + ${SMOKE_DEADLINE_SECONDS:-300}))
  body=$(mktemp)
  while :; do
    attempt=$((attempt + 1))
    code=$(curl --silent --show-error --max-time 10 --output "$body" --write-out '%{http_code}' "$url" || echo "000")
    if [[ "$code" == "200" ]] && jq -e '.status == "ok"' "$body" >/dev/null 2>&1; then
      log "smoke test passed on attempt $attempt: $url -> $(jq -c '.checks' "$body")"
      summary "- smoke test \`$url\` passed (attempt $attempt)"
      return 0
    fi
    log "attempt $attempt: $url -> HTTP $code $(head -c 300 "$body" 2>/dev/null || true)"
    ((SECONDS + ${SMOKE_INTERVAL_SECONDS:-10} < deadline)) || break
    sleep "${SMOKE_INTERVAL_SECONDS:-10}"
  done
  fail "smoke test: $url not ready after ${SMOKE_DEADLINE_SECONDS:-300}s ($attempt attempts, last HTTP $code)"
}

rollout() {
  local expected=${1:-} cluster service svc primary state reason td image container
  cluster=$(stack_output clusterName | jq -r '.')
  service=$(stack_output serviceName | jq -r '.')
  svc=$(aws ecs describe-services --cluster "$cluster" --services "$service" --output json)
  primary=$(jq -c '.services[0].deployments[] | select(.status == "PRIMARY")' <<<"$svc")
  state=$(jq -r '.rolloutState // "UNKNOWN"' <<<"$primary")
  reason=$(jq -r '.rolloutStateReason // ""' <<<"$primary")
  td=$(jq -r '.taskDefinition' <<<"$primary")
  container=$(aws ecs describe-task-definition --task-definition "$td" --output json |
    jq -r '.taskDefinition.containerDefinitions[0].name')
  image=$(task_definition_image "$td" "$container")
  log "primary deployment: $state on $td ($image) $reason"
  summary "- ECS rollout: **$state** on \`${td##*/}\` ($reason)"
  if jq -e '[.services[0].deployments[] | select(.rolloutState == "FAILED")] | length > 0' <<<"$svc" >/dev/null ||
    [[ -n "$expected" && "$image" != *"@$expected" ]]; then
    fail "the rollout to ${expected:-the new image} FAILED and the ECS circuit breaker rolled the service back to $td ($image)"
  fi
  [[ "$state" == "COMPLETED" ]] || fail "the primary deployment is $state, not COMPLETED"
}

restore() {
  local previous=$1
  if [[ "$previous" == "none" ]]; then
    # A first deploy that failed: back to the zero-task service the stack had before.
    log "restoring the stack to no image (zero tasks) so the stack describes what runs"
    pulumi config rm --stack "$stack" knowledge-card:imageTag
  else
    log "restoring the stack to the previous image $previous so the stack describes what runs"
    pulumi config set --stack "$stack" knowledge-card:imageTag "$previous"
  fi
  pulumi up --stack "$stack" --yes --diff --non-interactive --message "restore $previous after a failed deploy" ||
    fail "restoring $previous failed: run 'pulumi refresh' and 'pulumi up' by hand (docs/runbook.md, a failed deploy)"
  summary "- restored the service to \`$previous\`; migrationImageTag keeps the migrations that ran"
}

case "$cmd" in
  migration-definition | run-migration | roll-service)
    digest=${3:?digest required}
    require_digest "$cmd" "$digest"
    ;;
  restore)
    digest=${3:?previous image (or none) required}
    [[ "$digest" == "none" ]] || require_image_ref "$cmd" "$digest"
    ;;
esac
# Every step: the stack's own backend, and valid credentials of the stack's own account.
enter_stack "$stack"
case "$cmd" in
  preflight) preflight ;;
  migration-definition) migration_definition "$digest" ;;
  run-migration) run_migration "$digest" ;;
  roll-service) roll_service "$digest" ;;
  smoke) smoke ;;
  rollout) rollout "${3:-}" ;;
  restore) restore "$digest" ;;
  *) echo "unknown subcommand '$cmd'" >&2 && exit 2 ;;
esac
