#!/usr/bin/env bash
# Times the offline synth plus report of both stacks in one run (JVM start included), N times, and
# prints each run and the min/median in milliseconds: through scripts/synth.sh (C1 + class-data
# sharing, the documented way) and as a bare `java -jar` for comparison.
# Usage: scripts/bench-synth.sh [runs=7]   (builds the jar when missing)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-7}
jar=target/knowledge-card-infra.jar
[[ -f "$jar" ]] || mvn -B -q package -DskipTests
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

bench() {
  local label=$1
  shift
  "$@" --stack staging --stack prod --out "$out" >/dev/null # warm-up (and the CDS archive)
  local times=() start end
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" --stack staging --stack prod --out "$out" >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  local sorted
  mapfile -t sorted < <(printf '%s\n' "${times[@]}" | sort -n)
  echo "$label: min ${sorted[0]} ms, median ${sorted[$((runs / 2))]} ms (runs: ${times[*]})"
}

echo "synth + report of staging and prod, $runs runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
bench "scripts/synth.sh" bash scripts/synth.sh
bench "java -jar      " java -jar "$jar" synth
