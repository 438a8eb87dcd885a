#!/usr/bin/env bash
# Prices prod under every NAT strategy and zone count, plus the levers that trade a control for
# money, to weigh cost against the availability promise: each variant is the committed
# Pulumi.prod.yaml plus a few keys (and waivers), synthesized offline in a scratch copy of the
# project files and priced and checked by the same report. Prints one table.
# Every variant is priced as deployed: with an image set (as the pipeline sets imageTag), so the
# service runs its configured tasks; the committed file alone describes the first run, zero tasks.
# Usage: scripts/cost-levers.sh   (builds the jar when missing)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[[ -f target/knowledge-card-infra.jar ]] || mvn -B -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# variant LABEL EGRESS EXTRA_CONFIG [EXTRA_WAIVERS]: EXTRA_* are YAML lines (printf %b escapes).
variant() {
  local label=$1 egress=$2 extra=$3 waivers=${4:-} dir report
  dir="$work/$(echo "$label" | tr -c 'a-zA-Z0-9' '-')"
  mkdir -p "$dir"
  cp Pulumi.yaml "$dir/"
  {
    while IFS= read -r line; do
      printf '%s\n' "$line"
      [[ $line == '  knowledge-card:waivers:' ]] && printf '%b' "$waivers"
    done <Pulumi.prod.yaml
    printf '%b' "$extra"
    printf '  knowledge-card:imageTag: cost-levers\n'
  } >"$dir/Pulumi.prod.yaml"
  if java -XX:TieredStopAtLevel=1 -jar target/knowledge-card-infra.jar synth --stack prod \
    --project-dir "$dir" --out "$dir/out" >"$dir/log" 2>&1; then
    report="$dir/out/prod.report.json"
    jq -r --arg name "$label" --arg egress "$egress" '
      def nat: [.cost.components[].lines[]
        | select(.resource | test("-nat-|-nat$|ec2-endpoint")) | .monthly] | add // 0;
      [$name, $egress, ("$" + (.cost.total | tostring)), ("$" + (nat * 100 | round / 100 | tostring)),
       ([.policies[] | select(.status == "fail")] | length | tostring),
       ([.policies[] | select(.status == "waived") | .id] | join(" "))]
      | "| " + join(" | ") + " |"' "$report"
  else
    printf '| %s | %s | invalid: %s | | | |\n' "$label" "$egress" "$(tail -n 2 "$dir/log" | tr '\n|' '  ')"
  fi
}

zones2='  knowledge-card:availabilityZones: [us-east-1a, us-east-1b]\n'
echo "prod monthly estimate as deployed (service at its configured task count) under alternative"
echo "configurations (list prices, same usage assumptions)"
echo
echo "| configuration | per-zone egress | total | NAT + ec2 endpoint lines | failing controls | waived controls |"
echo "|---|---|---:|---:|---:|---|"
for zones in 3 2; do
  extra=""
  [[ $zones == 2 ]] && extra=$zones2
  variant "$zones AZs, NAT instance per AZ (instance, as committed)" yes "$extra"
  variant "$zones AZs, NAT gateway per AZ (perAz)" yes "$extra  knowledge-card:natStrategy: perAz\n"
  variant "$zones AZs, one shared NAT instance (singleInstance)" no "$extra  knowledge-card:natStrategy: singleInstance\n"
  variant "$zones AZs, one shared NAT gateway (single)" no "$extra  knowledge-card:natStrategy: single\n"
done
# Levers that need a waiver of a control that is not forced (prod may not take them as they are).
variant "3 AZs, NAT instance per AZ, Container Insights off" yes \
  "  knowledge-card:containerInsights: false\n" \
  '    ECS.12: "lever only: Container Insights off to price the metrics it costs"\n'
variant "3 AZs, NAT instance per AZ, no ec2 endpoint" yes \
  "  knowledge-card:interfaceEndpoints: []\n" \
  '    EC2.10: "lever only: no EC2 endpoint to price it"\n    EC2.25: "lever only: the NAT instances then need a public address of their own"\n'
