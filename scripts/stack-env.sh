#!/usr/bin/env bash
# Prints the per-stack environment of a workflow job as NAME=value lines (append them to
# $GITHUB_ENV), all derived from the committed Pulumi.<stack>.yaml (scripts/lib/stack.sh), so no
# repository-wide variable can point one stack's job at the other stack's account or bucket:
#   AWS_REGION, AWS_ACCOUNT_ID      aws:region, aws:allowedAccountIds
#   PULUMI_BACKEND_URL              the account's state bucket (scripts/bootstrap.sh)
#   ECR_REPOSITORY_URL              the stack's registry, <account>.dkr.ecr.<region>.amazonaws.com/<project>-<stack>/app
#   IMAGE_SOURCE_REPOSITORY         the registry promotion copies from (imageSourceRepositoryArn), if any
#
# Usage: scripts/stack-env.sh <stack>
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"

stack=${1:?usage: stack-env.sh <stack>}
account=$(stack_account "$stack")
region=$(stack_region "$stack")
printf 'AWS_REGION=%s\n' "$region"
printf 'AWS_ACCOUNT_ID=%s\n' "$account"
printf 'PULUMI_BACKEND_URL=%s\n' "$(stack_backend_url "$stack")"
printf 'ECR_REPOSITORY_URL=%s.dkr.ecr.%s.amazonaws.com/knowledge-card-%s/app\n' "$account" "$region" "$stack"
source_arn=$(awk '/^  knowledge-card:imageSourceRepositoryArn:/ { print $2; exit }' "$(stack_file "$stack")")
if [[ "$source_arn" =~ ^arn:aws[a-z-]*:ecr:([a-z0-9-]+):([0-9]{12}):repository/(.+)$ ]]; then
  printf 'IMAGE_SOURCE_REPOSITORY=%s.dkr.ecr.%s.amazonaws.com/%s\n' "${BASH_REMATCH[2]}" "${BASH_REMATCH[1]}" "${BASH_REMATCH[3]}"
fi
