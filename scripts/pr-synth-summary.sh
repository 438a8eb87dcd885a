#!/usr/bin/env bash
# Offline synth of both stacks for a pull request, as one Markdown comment: per stack the synth
# report of the head commit and the resource diff against the base commit. No credentials, no
# cloud: it runs the real program under the mock engine (docs/synth.md), so it also runs
# for pull requests from forks.
#
# Usage: scripts/pr-synth-summary.sh <base-commit> <out.md>
# Expects target/knowledge-card-infra.jar of the head commit (built when missing). The base commit
# is built in a temporary git worktree; when it cannot be built or synthesized (e.g. it predates the
# synth command), the comment says so and shows the head report alone.
#
# Every invocation of the synth CLI is in this file (synth_stack, diff_graphs): adjust it here.
set -Eeuo pipefail

base=${1:?usage: pr-synth-summary.sh <base-commit> <out.md>}
out=${2:?usage: pr-synth-summary.sh <base-commit> <out.md>}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACKS=(staging prod)
MARKER='<!-- knowledge-card:pr-synth-summary -->'
JAR=target/knowledge-card-infra.jar
work=$(mktemp -d)
trap 'git -C "$ROOT" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cd "$ROOT"
mkdir -p "$(dirname "$out")"

# synth_stack <project-dir> <stack> <out-dir> <log>: writes <out-dir>/<stack>.json (+ .md, .report.json)
synth_stack() {
  (cd "$1" && java -jar "$JAR" synth --stack "$2" --out "$3") >"$4" 2>&1
}
# diff_graphs <base.json> <head.json>: Markdown on stdout
diff_graphs() {
  java -jar "$JAR" synth --diff-files "$1" "$2"
}

[[ -f "$JAR" ]] || mvn -B -q package -DskipTests

base_ok=true
base_note=""
if ! git -C "$ROOT" cat-file -e "$base^{commit}" 2>/dev/null; then
  base_ok=false
  base_note="base commit \`$base\` is not in this clone (fetch depth?)"
else
  git -C "$ROOT" worktree add --detach --quiet "$work/base" "$base"
  if ! (cd "$work/base" && mvn -B -q package -DskipTests -Dspotless.check.skip=true -Dspotbugs.skip=true) >"$work/base-build.log" 2>&1; then
    base_ok=false
    base_note="the base commit \`${base:0:12}\` does not build; showing the head report only"
  fi
fi

{
  echo "$MARKER"
  echo "## Offline synth"
  echo
  echo "Head \`$(git rev-parse --short=12 HEAD)\` against base \`$(git rev-parse --short=12 "$base" 2>/dev/null || echo "$base")\`, synthesized offline under Pulumi's mock engine"
  echo "(no cloud calls: ids and ARNs are stand-ins; \`pulumi preview\` below, when it runs, is the real plan)."
  [[ -n "$base_note" ]] && echo && echo "> $base_note"
} >"$out"

status=0
for stack in "${STACKS[@]}"; do
  head_dir="$ROOT/target/synth"
  echo >>"$out"
  echo "### \`$stack\`" >>"$out"
  if ! synth_stack "$ROOT" "$stack" "$head_dir" "$work/head-$stack.log"; then
    status=1
    { echo; echo "**Synth of \`$stack\` failed:**"; echo '```'; tail -n 40 "$work/head-$stack.log"; echo '```'; } >>"$out"
    continue
  fi
  if $base_ok && synth_stack "$work/base" "$stack" "$work/base-synth" "$work/base-$stack.log" &&
    [[ -f "$work/base-synth/$stack.json" ]]; then
    if ! diff_graphs "$work/base-synth/$stack.json" "$head_dir/$stack.json" >"$work/diff-$stack.md" 2>"$work/diff-$stack.err"; then
      status=1
      { echo "Diff against the base failed:"; echo '```'; tail -n 20 "$work/diff-$stack.err"; echo '```'; } >"$work/diff-$stack.md"
    fi
    { echo; echo "#### Changes against the base"; echo; cat "$work/diff-$stack.md"; } >>"$out"
  elif $base_ok; then
    { echo; echo "> The base commit could not be synthesized for \`$stack\`; no diff."; } >>"$out"
  fi
  {
    echo
    echo "<details><summary>Synth report of <code>$stack</code></summary>"
    echo
    if [[ -f "$head_dir/$stack.md" ]]; then cat "$head_dir/$stack.md"; else echo '```' && cat "$work/head-$stack.log" && echo '```'; fi
    echo
    echo "</details>"
  } >>"$out"
done

# GitHub refuses comments over 65536 characters.
if (($(wc -c <"$out") > 65000)); then
  head -c 64000 "$out" >"$work/cut.md"
  { cat "$work/cut.md"; echo; echo; echo "_(cut: the full report is in the workflow run's artifact and job summary)_"; } >"$out"
fi
echo "pr-synth-summary: wrote $out (status $status)"
exit "$status"
