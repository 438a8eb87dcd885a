#!/usr/bin/env bash
# Creates or updates the ONE pull-request comment that carries <marker> (its first line), so each
# push edits the same comment instead of adding another.
#
# Usage: scripts/upsert-pr-comment.sh <repository owner/name> <pr-number> <body.md>
# Needs: gh (authenticated through GH_TOKEN with pull-requests: write), jq.
set -Eeuo pipefail

repo=${1:?usage: upsert-pr-comment.sh <owner/name> <pr-number> <body.md>}
pr=${2:?pr number required}
body_file=${3:?body file required}
[[ "$repo" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || { echo "upsert-pr-comment: bad repository '$repo'" >&2; exit 1; }
[[ "$pr" =~ ^[1-9][0-9]{0,9}$ ]] || { echo "upsert-pr-comment: bad pull-request number '$pr'" >&2; exit 1; }
[[ -s "$body_file" ]] || { echo "upsert-pr-comment: empty body '$body_file'" >&2; exit 1; }
marker=$(head -n 1 "$body_file")
[[ "$marker" =~ ^\<!--\ [a-z0-9:._-]+\ --\>$ ]] ||
  { echo "upsert-pr-comment: the body's first line must be an HTML comment marker, got '$marker'" >&2; exit 1; }

# Only comments of the bot that posts them count, so nobody can hijack the marker.
existing=$(gh api --paginate "repos/$repo/issues/$pr/comments" \
  --jq ".[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"$marker\"))) | .id" | head -n 1)
payload=$(jq -Rs '{body: .}' <"$body_file")
if [[ -n "$existing" ]]; then
  gh api --method PATCH "repos/$repo/issues/comments/$existing" --input - <<<"$payload" >/dev/null
  echo "upsert-pr-comment: updated comment $existing on #$pr"
else
  gh api --method POST "repos/$repo/issues/$pr/comments" --input - <<<"$payload" >/dev/null
  echo "upsert-pr-comment: created a comment on #$pr"
fi
