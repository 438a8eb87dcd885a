#!/usr/bin/env bash
# Times the offline synth plus report of both stacks in one run of the jar (JVM start included),
# N times, and prints every run and the min/median in milliseconds.
# Usage: scripts/bench-synth.sh [runs=7]   (builds the jar when missing; extra JVM flags via JAVA_OPTS)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-7}
jar=target/knowledge-card-infra.jar
[[ -f "$jar" ]] || mvn -B -q package -DskipTests
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -jar "$jar" synth --stack staging --stack prod --out "$out" >/dev/null
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
done
mapfile -t sorted < <(printf '%s\n' "${times[@]}" | sort -n)
echo "synth + report, staging and prod, $runs runs (ms): ${times[*]}"
echo "min ${sorted[0]} ms, median ${sorted[$((runs / 2))]} ms ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
