#!/usr/bin/env bash
# Image helpers of the deploy workflow: an image is built once per commit and then only moved by
# digest, never rebuilt.
#
#   image.sh find <repository-url> <tag>
#       prints the digest of <tag> in the ECR repository, or nothing when the tag does not exist
#       (so the build job can skip a rebuild of a commit that was already built)
#   image.sh docker-login <repository-url>
#       logs docker in to the repository's registry (the build pushes with buildx), the password
#       passed on stdin only
#   image.sh promote <source-repository-url> <digest> <target-repository-url> <tag>
#       copies the exact manifest list <digest> (both platforms) into the target repository under
#       <tag>, then checks that ECR reports the same digest there. No-op when both are the same
#       repository. Used for prod, whose registry differs from the one the build pushed to.
#
# Needs: aws (credentials that can read the source and push to the target), jq, skopeo.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/image-ref.sh
source "$ROOT/scripts/lib/image-ref.sh"

registry_of() { printf '%s' "${1%%/*}"; }
name_of() { printf '%s' "${1#*/}"; }
region_of() { # <acct>.dkr.ecr.<region>.amazonaws.com/<name>
  local host
  host=$(registry_of "$1")
  host=${host#*.dkr.ecr.}
  printf '%s' "${host%%.amazonaws.com*}"
}

require_ecr_url() {
  [[ "$1" =~ ^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/[a-z0-9._/-]+$ ]] ||
    { echo "image.sh: '$1' is not an ECR repository URL (<account>.dkr.ecr.<region>.amazonaws.com/<name>)" >&2; exit 1; }
}

digest_of_tag() { # <repository-url> <tag>
  aws ecr describe-images --region "$(region_of "$1")" --repository-name "$(name_of "$1")" \
    --image-ids imageTag="$2" --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true
}

# <repository-url>: skopeo credentials for that registry, password via stdin only. The token of the
# caller's own account also opens another account's registry where a repository policy allows it
# (ECR API reference, GetAuthorizationToken: "can be used to access any Amazon ECR registry that
# your IAM principal has access to"): prod's publisher reads staging's repository with it.
login() {
  aws ecr get-login-password --region "$(region_of "$1")" |
    skopeo login --username AWS --password-stdin "$(registry_of "$1")" >/dev/null
}

cmd=${1:?usage: image.sh find|docker-login|promote ...}
case "$cmd" in
  find)
    repo=${2:?repository url required} tag=${3:?tag required}
    require_ecr_url "$repo"
    digest=$(digest_of_tag "$repo" "$tag")
    if [[ "$digest" =~ $IMAGE_DIGEST_RE ]]; then printf '%s\n' "$digest"; fi
    ;;
  docker-login)
    repo=${2:?repository url required}
    require_ecr_url "$repo"
    aws ecr get-login-password --region "$(region_of "$repo")" |
      docker login --username AWS --password-stdin "$(registry_of "$repo")"
    ;;
  promote)
    src=${2:?source repository url required} digest=${3:?digest required}
    dst=${4:?target repository url required} tag=${5:?tag required}
    require_ecr_url "$src"
    require_ecr_url "$dst"
    require_digest "promote" "$digest"
    if [[ "$src" == "$dst" ]]; then
      echo "image.sh: $dst already holds $digest (same repository): nothing to promote"
      exit 0
    fi
    existing=$(digest_of_tag "$dst" "$tag")
    if [[ "$existing" == "$digest" ]]; then
      echo "image.sh: $dst:$tag is already $digest"
      exit 0
    elif [[ -n "$existing" && "$existing" != "None" ]]; then
      echo "image.sh: $dst:$tag exists with another digest ($existing, expected $digest): refusing to overwrite" >&2
      exit 1
    fi
    login "$src"
    login "$dst"
    # --all copies the manifest list and both platform images; --preserve-digests refuses any
    # conversion that would change the digest, so prod runs byte-for-byte what staging tested.
    skopeo copy --all --preserve-digests --retry-times 3 "docker://$src@$digest" "docker://$dst:$tag"
    copied=$(digest_of_tag "$dst" "$tag")
    [[ "$copied" == "$digest" ]] ||
      { echo "image.sh: $dst:$tag has digest '$copied' after the copy, expected $digest" >&2; exit 1; }
    echo "image.sh: promoted $digest to $dst:$tag"
    ;;
  *)
    echo "image.sh: unknown subcommand '$cmd'" >&2
    exit 2
    ;;
esac
