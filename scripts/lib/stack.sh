#!/usr/bin/env bash
# Per-stack facts every delivery script derives from the committed stack file, so a step can only
# reach its own stack's account, state bucket and key (one AWS account per stack):
#   account   aws:allowedAccountIds of Pulumi.<stack>.yaml (exactly one id)
#   region    aws:region
#   backend   s3://knowledge-card-pulumi-state-<account>?region=<region>   (scripts/bootstrap.sh)
#   secrets   awskms://alias/knowledge-card-pulumi-state?region=<region>    (same key, same account)
# Sourced by scripts/bootstrap.sh, deploy.sh, drift.sh, preview.sh, e2e.sh, stack-env.sh.

STATE_PREFIX="knowledge-card-pulumi-state"
STATE_KEY_ALIAS="alias/knowledge-card-pulumi-state"

stack_die() {
  printf '::error::%s\n' "$*" >&2
  exit 1
}

stack_file() { # <stack>: path of the committed stack file (fails when there is none)
  local file="$ROOT/Pulumi.$1.yaml"
  [[ -f "$file" ]] || stack_die "no stack file Pulumi.$1.yaml in $ROOT"
  printf '%s' "$file"
}

# The only id in aws:allowedAccountIds, written as a block list ("- \"111122223333\"") or a flow
# list (["111122223333"]); anything else is an error naming the file.
stack_account() {
  local file ids
  file=$(stack_file "$1")
  ids=$(awk '
    /^  aws:allowedAccountIds:/ { inlist = 1; sub(/^  aws:allowedAccountIds:/, ""); if ($0 ~ /[0-9]/) { print; exit } next }
    inlist && /^    - / { print; next }
    inlist { exit }' "$file" | grep -oE '[0-9]{12}' || true)
  [[ -n "$ids" && $(wc -l <<<"$ids") -eq 1 ]] ||
    stack_die "$(basename "$file") must pin exactly one account in aws:allowedAccountIds (found: ${ids:-none})"
  printf '%s' "$ids"
}

stack_region() {
  local file region
  file=$(stack_file "$1")
  region=$(awk '/^  aws:region:/ { print $2; exit }' "$file")
  [[ "$region" =~ ^[a-z]{2}(-[a-z]+)+-[0-9]$ ]] || stack_die "$(basename "$file") has no valid aws:region ('$region')"
  printf '%s' "$region"
}

stack_bucket() { printf '%s-%s' "$STATE_PREFIX" "$(stack_account "$1")"; }
stack_backend_url() { printf 's3://%s?region=%s' "$(stack_bucket "$1")" "$(stack_region "$1")"; }
stack_secrets_provider() { printf 'awskms://%s?region=%s' "$STATE_KEY_ALIAS" "$(stack_region "$1")"; }

# Fails unless the AWS credentials in use are valid and belong to the stack's account. An expired
# session gets its own message: re-assume the role (CI) or log in again, then re-run the step.
require_stack_account() { # <stack>
  local want got err
  want=$(stack_account "$1")
  err=$(mktemp)
  if ! got=$(aws sts get-caller-identity --query Account --output text 2>"$err"); then
    if grep -qE 'ExpiredToken|RequestExpired|token.*expired' "$err"; then
      rm -f "$err"
      stack_die "the AWS session expired before this step: re-assume the role (or log in again) and re-run it; nothing was changed by this step"
    fi
    local detail
    detail=$(head -c 300 "$err")
    rm -f "$err"
    stack_die "no valid AWS credentials for stack '$1' (account $want): $detail"
  fi
  rm -f "$err"
  [[ "$got" == "$want" ]] ||
    stack_die "the AWS credentials are for account $got but Pulumi.$1.yaml pins account $want: refusing to touch stack '$1'"
}

# Exports the stack's backend, and checks that a preset one is the same, so pulumi reads only this
# stack's bucket (pulumi honours PULUMI_BACKEND_URL instead of `pulumi login`).
use_stack_backend() { # <stack>
  local want
  want=$(stack_backend_url "$1")
  if [[ -n "${PULUMI_BACKEND_URL:-}" && "$PULUMI_BACKEND_URL" != "$want" ]]; then
    stack_die "PULUMI_BACKEND_URL is '$PULUMI_BACKEND_URL' but stack '$1' lives in '$want'"
  fi
  export PULUMI_BACKEND_URL="$want"
}

# A stack file without its KMS secrets provider makes pulumi ask for a passphrase, which CI cannot
# answer: say what fixes it instead.
require_secrets_provider() { # <stack>
  local file
  file=$(stack_file "$1")
  grep -q '^secretsprovider: awskms://' "$file" ||
    stack_die "$(basename "$file") has no 'secretsprovider: awskms://...': run scripts/bootstrap.sh $1 and commit the stack file"
}

# Everything a CI step needs before it touches a stack.
enter_stack() { # <stack>
  require_secrets_provider "$1"
  use_stack_backend "$1"
  require_stack_account "$1"
}
