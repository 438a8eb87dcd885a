#!/usr/bin/env bash
# Bootstrap of one stack's AWS account, run once per account by an administrator and safe to re-run
# (every step first looks for what it would create). In order:
#   1. checks the administrator's credentials are for the account Pulumi.<stack>.yaml pins
#   2. the state key: KMS key (yearly rotation) + alias alias/knowledge-card-pulumi-state
#   3. the state bucket knowledge-card-pulumi-state-<account>: versioned, encrypted with that key,
#      public access blocked, bucket-owner objects, TLS-only policy, old versions expire
#   4. pulumi login to that bucket; pulumi stack init --secrets-provider awskms://<alias>, which
#      writes `secretsprovider` and `encryptedkey` into Pulumi.<stack>.yaml: COMMIT that change
#   5. a stack that owns its hosted zone (hostedZoneOwned, staging): a reusable delegation set, its
#      id set as hostedZoneDelegationSetId (commit it too); its name servers are printed for the
#      parent stack's delegatedSubdomains, and the first `pulumi up` waits until the parent zone
#      delegates to them (the certificate cannot be validated before)
#   6. the repository's GitHub OIDC subject claim: repo, context and job_workflow_ref (gh api), the
#      claim every CI role's trust matches
#   7. the first `pulumi up` (the CI roles do not exist before it): the service is created with zero
#      tasks; the pipeline's first deploy pushes the image and starts them
#
# `scripts/bootstrap.sh e2e` prepares the end-to-end sandbox account the same way but stops after
# step 3 and step 6: Pulumi.e2e.yaml is the template of ephemeral stacks (scripts/e2e.sh), never a
# stack of its own.
#
# Usage: scripts/bootstrap.sh <stack>
# Needs: administrator credentials of the stack's account (aws), pulumi, gh (logged in with admin
# rights on the repository), mvn (Java 17), jq, dig.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"

stack=${1:?usage: bootstrap.sh <stack>}
log() { printf '==> [bootstrap %s] %s\n' "$stack" "$*"; }

account=$(stack_account "$stack")
region=$(stack_region "$stack")
bucket=$(stack_bucket "$stack")

# 1. ------------------------------------------------------------------------------------------
require_stack_account "$stack"
log "account $account, region $region"

# 2. ------------------------------------------------------------------------------------------
if key_arn=$(aws kms describe-key --region "$region" --key-id "$STATE_KEY_ALIAS" --query KeyMetadata.Arn --output text 2>/dev/null); then
  log "state key $STATE_KEY_ALIAS exists ($key_arn)"
else
  key_arn=$(aws kms create-key --region "$region" --description "Pulumi state and secrets of knowledge-card ($stack)" \
    --tags TagKey=Project,TagValue=knowledge-card TagKey=Stack,TagValue="$stack" --query KeyMetadata.Arn --output text)
  aws kms create-alias --region "$region" --alias-name "$STATE_KEY_ALIAS" --target-key-id "$key_arn"
  log "created state key $key_arn ($STATE_KEY_ALIAS)"
fi
aws kms enable-key-rotation --region "$region" --key-id "$key_arn"

# 3. ------------------------------------------------------------------------------------------
if aws s3api head-bucket --bucket "$bucket" --expected-bucket-owner "$account" 2>/dev/null; then
  log "state bucket $bucket exists"
else
  create=(aws s3api create-bucket --bucket "$bucket" --region "$region")
  # us-east-1 is the one region that rejects a LocationConstraint (S3 API reference, CreateBucket).
  [[ "$region" == "us-east-1" ]] || create+=(--create-bucket-configuration "LocationConstraint=$region")
  "${create[@]}" >/dev/null
  log "created state bucket $bucket"
fi
# Applied on every run, so a bucket changed by hand is put back.
aws s3api put-public-access-block --bucket "$bucket" --public-access-block-configuration \
  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
aws s3api put-bucket-ownership-controls --bucket "$bucket" --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'
aws s3api put-bucket-versioning --bucket "$bucket" --versioning-configuration Status=Enabled
aws s3api put-bucket-encryption --bucket "$bucket" --server-side-encryption-configuration \
  "$(jq -cn --arg key "$key_arn" '{Rules: [{ApplyServerSideEncryptionByDefault: {SSEAlgorithm: "aws:kms", KMSMasterKeyID: $key}, BucketKeyEnabled: true}]}')"
aws s3api put-bucket-policy --bucket "$bucket" --policy "$(jq -cn --arg b "arn:aws:s3:::$bucket" '{
  Version: "2012-10-17",
  Statement: [{Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*",
    Resource: [$b, ($b + "/*")], Condition: {Bool: {"aws:SecureTransport": "false"}}}]}')"
aws s3api put-bucket-lifecycle-configuration --bucket "$bucket" --lifecycle-configuration \
  '{"Rules":[{"ID":"old-checkpoints","Status":"Enabled","Filter":{},"NoncurrentVersionExpiration":{"NoncurrentDays":90},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":1}}]}'
log "state bucket: versioned, KMS-encrypted, public access blocked, TLS only"

# 4. ------------------------------------------------------------------------------------------
use_stack_backend "$stack"
pulumi login "$PULUMI_BACKEND_URL"
template=false
[[ "$stack" == e2e ]] && template=true
if $template; then
  log "Pulumi.e2e.yaml is a template: no stack of its own"
elif pulumi stack ls --json | jq -e --arg s "$stack" 'any(.[]; .name == $s)' >/dev/null; then
  log "stack $stack exists in $PULUMI_BACKEND_URL"
else
  pulumi stack init "$stack" --secrets-provider "$(stack_secrets_provider "$stack")"
  log "stack $stack created with secrets provider $(stack_secrets_provider "$stack")"
fi
$template || require_secrets_provider "$stack"

# 5. ------------------------------------------------------------------------------------------
if ! $template && [[ $(pulumi config get --stack "$stack" knowledge-card:hostedZoneOwned 2>/dev/null || true) == "true" ]]; then
  zone=$(pulumi config get --stack "$stack" knowledge-card:hostedZoneName)
  reference="knowledge-card-$stack"
  set_id=$(aws route53 list-reusable-delegation-sets --output json |
    jq -r --arg r "$reference" '.DelegationSets[] | select(.CallerReference == $r) | .Id' | sed 's|^/delegationset/||')
  if [[ -z "$set_id" ]]; then
    set_id=$(aws route53 create-reusable-delegation-set --caller-reference "$reference" \
      --query DelegationSet.Id --output text | sed 's|^/delegationset/||')
    log "created reusable delegation set $set_id"
  fi
  pulumi config set --stack "$stack" knowledge-card:hostedZoneDelegationSetId "$set_id"
  servers=$(aws route53 get-reusable-delegation-set --id "$set_id" --query 'DelegationSet.NameServers' --output json |
    jq -r 'map(ascii_downcase) | sort | .[]')
  log "$zone will be served by: $(tr '\n' ' ' <<<"$servers")"
  # Ask the parent zone's own server for its referral: the zone itself does not exist before the
  # first `pulumi up`, so a recursive lookup of its NS would fail even when the delegation is right.
  parent_ns=$(dig +short NS "${zone#*.}" | head -n 1)
  delegated=""
  if [[ -n "$parent_ns" ]]; then
    delegated=$(dig +norecurse +noall +authority NS "$zone" "@$parent_ns" | awk '$4 == "NS" { print $5 }' |
      sed 's/\.$//' | tr '[:upper:]' '[:lower:]' | sort || true)
  fi
  if [[ "$delegated" != "$servers" ]]; then
    {
      echo "::error::$zone is not delegated to this account's name servers yet, so its certificate cannot be validated."
      echo "In Pulumi.<parent stack>.yaml set (then run scripts/bootstrap.sh for that stack, or deploy it):"
      echo "  knowledge-card:delegatedSubdomains:"
      echo "    $zone:"
      while IFS= read -r server; do echo "      - $server"; done <<<"$servers"
      echo "Commit Pulumi.$stack.yaml (hostedZoneDelegationSetId) and re-run scripts/bootstrap.sh $stack."
    } >&2
    exit 1
  fi
  log "$zone is delegated to this account"
fi

# 6. ------------------------------------------------------------------------------------------
repository=$(awk '/^  knowledge-card:githubRepository:/ { print $2; exit }' "$(stack_file "$stack")")
want_claim='{"use_default":false,"include_claim_keys":["repo","context","job_workflow_ref"]}'
have_claim=$(gh api "repos/$repository/actions/oidc/customization/sub" | jq -c '{use_default, include_claim_keys}')
if [[ "$have_claim" == "$want_claim" ]]; then
  log "OIDC subject claim of $repository already includes repo, context, job_workflow_ref"
else
  gh api -X PUT "repos/$repository/actions/oidc/customization/sub" --input - <<<"$want_claim" >/dev/null
  log "OIDC subject claim of $repository set to repo, context, job_workflow_ref (was $have_claim)"
fi

# 7. ------------------------------------------------------------------------------------------
if $template; then
  log "done: the sandbox's state bucket and key exist; e2e.yml creates and destroys its stacks"
  exit 0
fi
mvn -B -ntp -q package -DskipTests
pulumi up --stack "$stack" --yes --diff --non-interactive --message "bootstrap of $stack by an administrator"
outputs=$(pulumi stack output --stack "$stack" --json)
log "done. GitHub environment '$stack' variables (docs/delivery.md, Variables and environments to create):"
jq -r '"  AWS_DEPLOY_ROLE_ARN=\(.githubDeployRoleArn)\n  AWS_IMAGE_PUBLISHER_ROLE_ARN=\(.imagePublisherRoleArn)\n  ECR_REPOSITORY_URL=\(.ecrRepositoryUrl)"' <<<"$outputs"
log "repository variables: AWS_PREVIEW_ROLE_ARN_${stack^^}=$(jq -r .githubPreviewRoleArn <<<"$outputs") AWS_DRIFT_ROLE_ARN_${stack^^}=$(jq -r .githubDriftRoleArn <<<"$outputs")"
if ! git -C "$ROOT" diff --quiet -- "Pulumi.$stack.yaml"; then
  log "Pulumi.$stack.yaml changed (secretsprovider, encryptedkey, delegation set): commit it"
fi
