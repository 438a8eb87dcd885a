#!/usr/bin/env bash
# Prices prod under alternative configurations, to weigh cost levers against the availability
# promise: each variant is the committed Pulumi.prod.yaml plus a few keys, synthesized offline in a
# scratch copy of the project files and priced by the same report. Prints one line per variant.
# Usage: scripts/cost-levers.sh   (builds the jar when missing)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[[ -f target/knowledge-card-infra.jar ]] || mvn -B -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

variant() {
  local label=$1 extra=$2 dir
  dir="$work/$(echo "$label" | tr -c 'a-z0-9' '-')"
  mkdir -p "$dir"
  cp Pulumi.yaml "$dir/"
  { cat Pulumi.prod.yaml; printf '%b' "$extra"; } >"$dir/Pulumi.prod.yaml"
  local total
  if java -XX:TieredStopAtLevel=1 -jar target/knowledge-card-infra.jar synth --stack prod \
    --project-dir "$dir" --out "$dir/out" >"$dir/log" 2>&1; then
    total=$(sed -n 's/^Cost: \(.*\)\/month.*/\1/p' "$dir/log")
    printf '%-58s %s\n' "$label" "$total"
  else
    printf '%-58s %s\n' "$label" "invalid: $(tail -n 3 "$dir/log" | tr '\n' ' ')"
  fi
}

echo "prod monthly estimate under alternative configurations (list prices, same usage assumptions)"
variant "as committed (3 AZs, NAT per AZ, ec2 endpoint)" ""
variant "2 AZs (NAT per AZ, ec2 endpoint in 2 AZs)" "  knowledge-card:availabilityZones: [us-east-1a, us-east-1b]\n"
variant "3 AZs, one shared NAT (loses AZ independence)" "  knowledge-card:natStrategy: single\n"
variant "2 AZs, one shared NAT (loses AZ independence)" "  knowledge-card:availabilityZones: [us-east-1a, us-east-1b]\n  knowledge-card:natStrategy: single\n"
