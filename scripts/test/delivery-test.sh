#!/usr/bin/env bash
# Tests of the delivery scripts (bootstrap, deploy, promotion, restore, drift) against recording
# fakes of aws, pulumi, skopeo, docker, gh, dig, mvn and curl on PATH (scripts/test/fakes/): what is
# called, in which order, with which arguments, against which account and backend, and what each
# failure path prints. No network, no cloud, no bats: plain bash, one function per case.
#
# Usage: scripts/test/delivery-test.sh [case-name-substring]
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
STAGING_ACCOUNT=111122223333
PROD_ACCOUNT=444455556666
STAGING_BACKEND="s3://knowledge-card-pulumi-state-$STAGING_ACCOUNT?region=us-east-1"
DIGEST=sha256:$(printf 'a%.0s' {1..64})
PREVIOUS=sha256:$(printf 'b%.0s' {1..64})

passed=0
failed=()
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A fresh project copy (the scripts and the stack files) and fake state for one case.
setup() { # <stack> <account>
  local dir="$work/$CASE"
  rm -rf "$dir"
  mkdir -p "$dir/project" "$dir/state" "$dir/bin"
  cp -r "$REPO/scripts" "$dir/project/"
  cp "$REPO"/Pulumi*.yaml "$dir/project/"
  for tool in aws pulumi skopeo docker gh dig mvn curl; do ln -s "$HERE/fakes/fake-cli" "$dir/bin/$tool"; done
  export FAKE_PROJECT="$dir/project" FAKE_STATE="$dir/state" FAKE_LOG="$dir/calls.log" FAKE_STACK=$1 FAKE_ACCOUNT=$2
  export FAKE_SCENARIO="$dir/scenario.sh"
  cp "$HERE/fakes/scenario-base.sh" "$FAKE_SCENARIO"
  : >"$FAKE_LOG"
  export PATH="$dir/bin:$ORIGINAL_PATH" POLL_SECONDS=0 SMOKE_INTERVAL_SECONDS=0 SMOKE_DEADLINE_SECONDS=5
  unset PULUMI_BACKEND_URL GITHUB_STEP_SUMMARY FAKE_MIGRATION_EXIT FAKE_ROLLOUT FAKE_NEW_SECRET FAKE_COPIED_DIGEST
  OUT="$dir/out.txt"
}
ORIGINAL_PATH=$PATH

# The stack file as bootstrap leaves it (init added the KMS secrets provider).
bootstrapped() {
  printf 'secretsprovider: awskms://alias/knowledge-card-pulumi-state?region=us-east-1\nencryptedkey: ZmFrZQ==\n' \
    >>"$FAKE_PROJECT/Pulumi.$FAKE_STACK.yaml"
  touch "$FAKE_STATE/stack"
}

secret() { # <name> <filled|rotated|empty>
  mkdir -p "$FAKE_STATE/secrets" "$FAKE_STATE/filled/${1%/*}" "$FAKE_STATE/rotated/${1%/*}"
  touch "$FAKE_STATE/secrets/${1//\//__}"
  case $2 in
    filled) touch "$FAKE_STATE/filled/$1" ;;
    rotated) touch "$FAKE_STATE/rotated/$1" ;;
  esac
}

run() { # <script> <args...>: runs a project script, keeps its status in $STATUS and output in $OUT
  set +e
  (cd "$FAKE_PROJECT" && bash "scripts/$1" "${@:2}") >"$OUT" 2>&1
  STATUS=$?
  set -e
}

fail_case() {
  touch "$work/failed-$CASE"
  echo "  FAIL: $*"
  echo "  --- output"; sed 's/^/  | /' "$OUT" | tail -n 25
  echo "  --- calls"; cut -f1,4 "$FAKE_LOG" | sed 's/^/  | /' | tail -n 40
  return 1
}
expect_status() { [[ "$STATUS" == "$1" ]] || fail_case "exit status $STATUS, expected $1"; }
expect_output() { grep -qF -- "$1" "$OUT" || fail_case "output lacks: $1"; }
# Line number of the first call of <tool> whose arguments match the extended regex, or fails.
call_line() {
  local n
  n=$(awk -F'\t' -v t="$1" -v re="$2" '$1 == t && $4 ~ re { print NR; exit }' "$FAKE_LOG")
  [[ -n "$n" ]] || { fail_case "no call: $1 ~ /$2/"; return 1; }
  echo "$n"
}
expect_call() { call_line "$1" "$2" >/dev/null; }
expect_no_call() {
  if awk -F'\t' -v t="$1" -v re="$2" '$1 == t && $4 ~ re { found = 1 } END { exit !found }' "$FAKE_LOG"; then
    fail_case "unexpected call: $1 ~ /$2/"
  fi
}
# Calls happen in the order given: pairs of <tool> <regex>.
expect_order() {
  local last=0 line
  while (($# >= 2)); do
    line=$(call_line "$1" "$2") || return 1
    ((line > last)) || fail_case "$1 ~ /$2/ (call $line) ran before call $last" || return 1
    last=$line
    shift 2
  done
}
# Every call of <tool> ran with this backend (pulumi) or account (aws).
expect_every() { # <tool> <field 2=backend|3=account> <value>
  local bad
  bad=$(awk -F'\t' -v t="$1" -v f="$2" -v v="$3" '$1 == t && $f != v { print $4 }' "$FAKE_LOG" | head -n 3)
  [[ -z "$bad" ]] || fail_case "$1 calls not on '$3': $bad"
}

# --- bootstrap ------------------------------------------------------------------------------------

case_bootstrap_empty_account() {
  setup staging "$STAGING_ACCOUNT"
  touch "$FAKE_STATE/delegated"
  run bootstrap.sh staging
  expect_status 0
  expect_order aws "^sts get-caller-identity" aws "^kms create-key" aws "^kms create-alias .*alias/knowledge-card-pulumi-state" \
    aws "^kms enable-key-rotation" aws "^s3api create-bucket --bucket knowledge-card-pulumi-state-$STAGING_ACCOUNT --region us-east-1$" \
    aws "^s3api put-public-access-block .*BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true" \
    aws "^s3api put-bucket-versioning .*Status=Enabled" aws "^s3api put-bucket-encryption .*aws:kms" \
    aws '^s3api put-bucket-policy .*aws:SecureTransport' \
    pulumi "^login s3://knowledge-card-pulumi-state-${STAGING_ACCOUNT}[?]region=us-east-1$" \
    pulumi "^stack init staging --secrets-provider awskms://alias/knowledge-card-pulumi-state[?]region=us-east-1$" \
    aws "^route53 create-reusable-delegation-set --caller-reference knowledge-card-staging" \
    pulumi "^config set --stack staging knowledge-card:hostedZoneDelegationSetId N0123456789ABCDEFGHIJ$" \
    dig "^[+]norecurse [+]noall [+]authority NS staging.knowledgecard.app @ns-9.awsdns-09.com.$" \
    gh "^api -X PUT repos/knowledgecard/knowledge-card/actions/oidc/customization/sub --input -$" \
    mvn "package" pulumi "^up --stack staging --yes"
  grep -qx '{"use_default":false,"include_claim_keys":\["repo","context","job_workflow_ref"\]}' "$FAKE_STATE/gh-put-body" ||
    fail_case "OIDC claim body: $(cat "$FAKE_STATE/gh-put-body")"
  grep -q '^secretsprovider: awskms://alias/knowledge-card-pulumi-state' "$FAKE_PROJECT/Pulumi.staging.yaml" ||
    fail_case "stack file has no secrets provider"
  expect_every aws 3 "$STAGING_ACCOUNT"
  expect_every pulumi 2 "$STAGING_BACKEND"
  expect_no_call pulumi "--target"
  expect_output "commit it"
}

case_bootstrap_rerun_changes_nothing_it_made() {
  setup staging "$STAGING_ACCOUNT"
  bootstrapped
  touch "$FAKE_STATE/kms" "$FAKE_STATE/bucket" "$FAKE_STATE/delegation-set" "$FAKE_STATE/claim-set" "$FAKE_STATE/delegated"
  run bootstrap.sh staging
  expect_status 0
  expect_no_call aws "^kms create-key"
  expect_no_call aws "^s3api create-bucket"
  expect_no_call pulumi "^stack init"
  expect_no_call aws "^route53 create-reusable-delegation-set"
  expect_no_call gh "-X PUT"
  expect_call pulumi "^up --stack staging"
}

case_bootstrap_refuses_the_wrong_account() {
  setup staging "$PROD_ACCOUNT"
  run bootstrap.sh staging
  expect_status 1
  expect_output "the AWS credentials are for account $PROD_ACCOUNT but Pulumi.staging.yaml pins account $STAGING_ACCOUNT"
  [[ $(wc -l <"$FAKE_LOG") -eq 1 ]] || fail_case "calls after the account check"
}

case_bootstrap_stops_until_the_zone_is_delegated() {
  setup staging "$STAGING_ACCOUNT"
  run bootstrap.sh staging
  expect_status 1
  expect_output "staging.knowledgecard.app is not delegated to this account's name servers yet"
  expect_output "      - ns-1111.awsdns-11.org"
  expect_no_call pulumi "^up"
}

case_bootstrap_of_the_e2e_sandbox_deploys_nothing() {
  setup e2e 777788889999
  run bootstrap.sh e2e
  expect_status 0
  expect_call aws "^s3api create-bucket --bucket knowledge-card-pulumi-state-777788889999"
  expect_call gh "-X PUT"
  expect_no_call pulumi "^stack init"
  expect_no_call pulumi "^up"
}

case_e2e_destroy_empties_registry_and_buckets_then_removes() {
  setup e2e-42 777788889999
  cp "$FAKE_PROJECT/Pulumi.e2e.yaml" "$FAKE_PROJECT/Pulumi.e2e-42.yaml"
  bootstrapped
  cat >>"$FAKE_SCENARIO" <<'SCENARIO'
fake_pulumi() {
  case "$1 $2" in
    "stack export") echo '{"deployment":{"resources":[{"type":"aws:ecr/repository:Repository","id":"knowledge-card-e2e-42/app","custom":true},{"type":"aws:s3/bucketV2:BucketV2","id":"e2e-42-lb-logs","custom":true}]}}' ;;
  esac
}
fake_aws() {
  case "$1 $2" in
    "sts get-caller-identity") echo "$FAKE_ACCOUNT" ;;
    "ecr list-images") echo '[{"imageDigest":"sha256:1"}]' ;;
    "s3api list-object-versions")
      if [[ -f "$S/emptied" ]]; then echo '{}'; else touch "$S/emptied"; echo '{"Versions":[{"Key":"AWSLogs/1/x.gz","VersionId":"v1"}],"DeleteMarkers":[{"Key":"a","VersionId":"d1"}]}'; fi ;;
  esac
}
SCENARIO
  run e2e.sh destroy e2e-42
  expect_status 0
  expect_order aws "^ecr batch-delete-image --repository-name knowledge-card-e2e-42/app" \
    aws '^s3api delete-objects --bucket e2e-42-lb-logs --delete .*"VersionId":"v1".*"VersionId":"d1"' \
    pulumi "^state unprotect --stack e2e-42 --all --yes" pulumi "^destroy --stack e2e-42" pulumi "^stack rm e2e-42 --yes"
  [[ ! -e "$FAKE_PROJECT/Pulumi.e2e-42.yaml" ]] || fail_case "the ephemeral stack file is left behind"
  expect_every pulumi 2 "s3://knowledge-card-pulumi-state-777788889999?region=us-east-1"
}

case_e2e_refuses_other_stacks() {
  setup staging "$STAGING_ACCOUNT"
  run e2e.sh destroy staging
  expect_status 1
  expect_output "refusing stack 'staging'"
  expect_no_call pulumi "."
}

# --- deploy ---------------------------------------------------------------------------------------

deploy_all() { # the workflow's order; stops at the first failing step like the job does
  local step sub arg
  for step in preflight "migration-definition $DIGEST" "run-migration $DIGEST" "roll-service $DIGEST" smoke "rollout $DIGEST"; do
    read -r sub arg <<<"$step"
    run deploy.sh "$sub" staging ${arg:+"$arg"}
    ((STATUS == 0)) || return 0
  done
}

case_deploy_migrates_first_without_target() {
  setup staging "$STAGING_ACCOUNT"
  bootstrapped
  secret knowledge-card-staging/OPENAI_API_KEY filled
  mkdir -p "$FAKE_STATE/config" && printf '%s' "$PREVIOUS" >"$FAKE_STATE/config/knowledge-card:imageTag"
  deploy_all
  expect_status 0
  expect_order aws "^secretsmanager describe-secret" \
    pulumi "^config set --stack staging knowledge-card:migrationImageTag $DIGEST$" \
    pulumi "^up --stack staging --yes --diff --non-interactive --message migrations of" \
    aws "^ecs run-task --cluster knowledge-card-staging --task-definition arn:aws:ecs:us-east-1:$STAGING_ACCOUNT:task-definition/knowledge-card-staging-migrate:7" \
    aws "^ecs describe-tasks" \
    pulumi "^config set --stack staging knowledge-card:imageTag $DIGEST$" \
    pulumi "^up --stack staging --yes --diff --non-interactive --message deploy" \
    curl "https://staging.knowledgecard.app/api/health/ready" aws "^ecs describe-services"
  expect_no_call pulumi "--target"
  expect_every pulumi 2 "$STAGING_BACKEND"
  expect_every aws 3 "$STAGING_ACCOUNT"
}

case_deploy_commit_adding_a_secret_stops_before_tasks_start() {
  setup staging "$STAGING_ACCOUNT"
  bootstrapped
  secret knowledge-card-staging/OPENAI_API_KEY filled
  # The commit adds a secret that both task definitions reference: the full update creates it.
  export FAKE_NEW_SECRET=knowledge-card-staging__SEARCH_API_KEY
  deploy_all
  expect_status 1
  expect_call pulumi "^up --stack staging --yes --diff --non-interactive --message migrations of"
  expect_no_call pulumi "--target"
  expect_output "empty secret knowledge-card-staging/SEARCH_API_KEY: read -rs VALUE && aws secretsmanager put-secret-value --region us-east-1 --secret-id knowledge-card-staging/SEARCH_API_KEY"
  expect_output "1 secret(s) have no value (no AWSCURRENT version)"
  expect_no_call aws "^ecs run-task"
  expect_no_call pulumi "knowledge-card:imageTag"
  expect_no_call aws "get-secret-value"
}

case_preflight_names_every_empty_secret() {
  setup staging "$STAGING_ACCOUNT"
  bootstrapped
  secret knowledge-card-staging/OPENAI_API_KEY empty
  secret knowledge-card-staging/app-db rotated
  secret knowledge-card-staging/SESSION filled
  run deploy.sh preflight staging
  expect_status 1
  expect_output "empty secret knowledge-card-staging/OPENAI_API_KEY: read -rs VALUE && aws secretsmanager put-secret-value"
  expect_output "empty secret knowledge-card-staging/app-db: aws secretsmanager rotate-secret --region us-east-1 --secret-id knowledge-card-staging/app-db"
  expect_output "2 secret(s) have no value"
  expect_no_call aws "get-secret-value"
}

case_failed_migration_leaves_the_service_alone() {
  setup staging "$STAGING_ACCOUNT"
  bootstrapped
  export FAKE_MIGRATION_EXIT=3
  deploy_all
  expect_status 1
  expect_output "exited with '3'"
  expect_output "The running version is untouched"
  expect_no_call pulumi "knowledge-card:imageTag"
}

case_failed_rollout_is_reported_and_restored() {
  setup staging "$STAGING_ACCOUNT"
  bootstrapped
  export FAKE_ROLLOUT=FAILED
  deploy_all
  expect_status 1
  expect_output "FAILED and the ECS circuit breaker rolled the service back"
  run deploy.sh restore staging "$PREVIOUS"
  expect_status 0
  expect_order pulumi "^config set --stack staging knowledge-card:imageTag $DIGEST$" \
    pulumi "^config set --stack staging knowledge-card:imageTag $PREVIOUS$" pulumi "^up .*--message restore"
}

case_restore_of_a_first_deploy_returns_to_zero_tasks() {
  setup staging "$STAGING_ACCOUNT"
  bootstrapped
  run deploy.sh restore staging none
  expect_status 0
  expect_order pulumi "^config rm --stack staging knowledge-card:imageTag$" pulumi "^up --stack staging"
}

case_expired_session_stops_before_any_change() {
  setup staging "$STAGING_ACCOUNT"
  bootstrapped
  touch "$FAKE_STATE/expired"
  run deploy.sh roll-service staging "$DIGEST"
  expect_status 1
  expect_output "the AWS session expired before this step"
  expect_no_call pulumi "."
}

case_deploy_refuses_another_stacks_backend() {
  setup staging "$STAGING_ACCOUNT"
  bootstrapped
  export PULUMI_BACKEND_URL="s3://knowledge-card-pulumi-state-$PROD_ACCOUNT?region=us-east-1"
  run deploy.sh preflight staging
  expect_status 1
  expect_output "but stack 'staging' lives in '$STAGING_BACKEND'"
  expect_no_call pulumi "."
}

case_stack_without_kms_provider_is_refused() {
  setup prod "$PROD_ACCOUNT"
  run deploy.sh preflight prod
  expect_status 1
  expect_output "Pulumi.prod.yaml has no 'secretsprovider: awskms://...': run scripts/bootstrap.sh prod and commit the stack file"
}

# --- promotion ------------------------------------------------------------------------------------

case_promotion_copies_the_exact_digest() {
  setup prod "$PROD_ACCOUNT"
  local src="$STAGING_ACCOUNT.dkr.ecr.us-east-1.amazonaws.com/knowledge-card-staging/app"
  local dst="$PROD_ACCOUNT.dkr.ecr.us-east-1.amazonaws.com/knowledge-card-prod/app"
  run image.sh promote "$src" "$DIGEST" "$dst" 0123abc
  expect_status 0
  expect_order aws "^ecr describe-images .*--repository-name knowledge-card-prod/app" \
    skopeo "^login --username AWS --password-stdin $STAGING_ACCOUNT.dkr.ecr" \
    skopeo "^login --username AWS --password-stdin $PROD_ACCOUNT.dkr.ecr" \
    skopeo "^copy --all --preserve-digests --retry-times 3 docker://$src@$DIGEST docker://$dst:0123abc$"
  expect_output "promoted $DIGEST"
}

case_docker_login_takes_the_password_on_stdin_only() {
  setup staging "$STAGING_ACCOUNT"
  run image.sh docker-login "$STAGING_ACCOUNT.dkr.ecr.us-east-1.amazonaws.com/knowledge-card-staging/app"
  expect_status 0
  # Both ends of one pipe: they start together, so no order between them.
  expect_call aws "^ecr get-login-password --region us-east-1$"
  expect_call docker "^login --username AWS --password-stdin $STAGING_ACCOUNT.dkr.ecr.us-east-1.amazonaws.com$"
  [[ $(cat "$FAKE_STATE/docker-password") == fake-ecr-password ]] || fail_case "docker got no password on stdin"
  expect_no_call docker "fake-ecr-password"
}

case_promotion_fails_on_a_changed_digest() {
  setup prod "$PROD_ACCOUNT"
  export FAKE_COPIED_DIGEST=$PREVIOUS
  run image.sh promote "$STAGING_ACCOUNT.dkr.ecr.us-east-1.amazonaws.com/knowledge-card-staging/app" "$DIGEST" \
    "$PROD_ACCOUNT.dkr.ecr.us-east-1.amazonaws.com/knowledge-card-prod/app" 0123abc
  expect_status 1
  expect_output "has digest '$PREVIOUS' after the copy, expected $DIGEST"
}

# --- drift ----------------------------------------------------------------------------------------

case_drift_only_on_a_real_diff() {
  setup prod "$PROD_ACCOUNT"
  bootstrapped
  run drift.sh prod
  expect_status 0
  expect_output "no drift"
  echo "error: no changes were expected but changes were proposed" >"$FAKE_STATE/preview-out"
  run drift.sh prod
  expect_status 1
  expect_output "drift detected in prod"
  echo "error: failed to decrypt: AccessDeniedException: not authorized to perform kms:Decrypt" >"$FAKE_STATE/preview-out"
  run drift.sh prod
  expect_status 2
  expect_output "drift check failed"
  expect_call pulumi "^preview --stack prod --refresh --expect-no-changes --diff --non-interactive$"
  expect_every pulumi 2 "s3://knowledge-card-pulumi-state-$PROD_ACCOUNT?region=us-east-1"
}

cases=$(declare -F | awk '{print $3}' | grep '^case_' | grep -- "${1:-}" || true)
[[ -n "$cases" ]] || { echo "no case matches '${1:-}'" >&2; exit 1; }
for c in $cases; do
  CASE=${c#case_}
  echo "- $CASE"
  if ("$c") && [[ ! -e "$work/failed-$CASE" ]]; then passed=$((passed + 1)); else failed+=("$CASE"); fi
done
echo "delivery scripts: $passed passed, ${#failed[@]} failed${failed[*]:+ (${failed[*]})}"
((${#failed[@]} == 0))
