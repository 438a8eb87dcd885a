#!/usr/bin/env bash
# Prints the per-stack environment of a workflow job as NAME=value lines (append them to
# $GITHUB_ENV): the region, the account and the state backend, all derived from the committed
# Pulumi.<stack>.yaml (scripts/lib/stack.sh), so no repository-wide variable can point one stack's
# job at the other stack's account or bucket.
#
# Usage: scripts/stack-env.sh <stack>
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"

stack=${1:?usage: stack-env.sh <stack>}
require_secrets_provider "$stack"
printf 'AWS_REGION=%s\n' "$(stack_region "$stack")"
printf 'AWS_ACCOUNT_ID=%s\n' "$(stack_account "$stack")"
printf 'PULUMI_BACKEND_URL=%s\n' "$(stack_backend_url "$stack")"
