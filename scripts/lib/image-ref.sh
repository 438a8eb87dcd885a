#!/usr/bin/env bash
# Shared checks for the image references the pipeline passes to the stack config.
# Sourced by scripts/sync-image-tags.sh and scripts/deploy.sh.

# The stack accepts a tag or a digest `sha256:<64 hex>`, never `latest` (contract of
# knowledge-card:imageTag). The pipeline itself only ever writes digests.
IMAGE_DIGEST_RE='^sha256:[0-9a-f]{64}$'
IMAGE_TAG_RE='^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$'

# require_image_ref <what> <value>: exits 1 with a message naming <what> unless <value> is a digest
# or a tag other than `latest`.
require_image_ref() {
  local what=$1 value=$2
  if [[ "$value" =~ $IMAGE_DIGEST_RE ]]; then
    return 0
  fi
  if [[ "$value" == "latest" || ! "$value" =~ $IMAGE_TAG_RE ]]; then
    echo "$what: '$value' is not an image tag or a digest sha256:<64 hex> (and never 'latest')" >&2
    exit 1
  fi
}

# require_digest <what> <value>: the deploy path only accepts immutable digests.
require_digest() {
  local what=$1 value=$2
  if [[ ! "$value" =~ $IMAGE_DIGEST_RE ]]; then
    echo "$what: '$value' is not a digest sha256:<64 hex>; deploys pin images by digest" >&2
    exit 1
  fi
}
