#!/usr/bin/env bash
# Prices prod under every NAT strategy and zone count, plus the levers that trade a control for
# money, to weigh cost against the availability promise: each variant is the committed
# Pulumi.prod.yaml plus a few keys, with exactly the waivers that variant needs (waivers naming
# resources that do not fail are stale and rejected), synthesized offline in a scratch copy of the
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

readonly nat_waivers='EC2.9|EC2.17|EC2.25|EC2.180|AutoScaling.2'
# A lever's waiver of a control nothing forces needs an owner and an expiry (at most 90 days).
lever_expiry=$(date -u -d '+30 days' +%F)

# waiver ID REASON RESOURCES [lever]: one waiver in the stack file's format.
waiver() {
  printf '    %s:\n      reason: "%s"\n      resources: [%s]\n' "$1" "$2" "$3"
  [[ ${4:-} != lever ]] || printf '      owner: cost-levers\n      expires: "%s"\n' "$lever_expiry"
}

# names PREFIX ZONES...: prod-network-<prefix>-<zone>, comma separated.
names() {
  local prefix=$1 out=() zone
  shift
  for zone in "$@"; do out+=("prod-network-$prefix-$zone"); done
  local IFS=, joined
  joined="${out[*]}"
  echo "${joined//,/, }"
}

# variant LABEL EGRESS STRATEGY ZONES EXTRA_CONFIG EXTRA_WAIVERS
variant() {
  local label=$1 egress=$2 strategy=$3 zones=$4 extra=$5 waivers=$6 dir report hosts
  dir="$work/$(echo "$label" | tr -c 'a-zA-Z0-9' '-')"
  mkdir -p "$dir"
  cp Pulumi.yaml "$dir/"
  read -r -a hosts <<<"$zones"
  [[ $strategy == singleInstance ]] && hosts=("${hosts[0]}")
  if [[ $strategy == instance || $strategy == singleInstance ]]; then
    local enis asgs
    enis=$(names nat-eni "${hosts[@]}")
    asgs=$(names nat-asg "${hosts[@]}")
    waivers+=$(waiver EC2.180 "NAT instances forward" "$enis")$'\n'
    waivers+=$(waiver EC2.17 "NAT instances re-attach a static interface" "$enis")$'\n'
    waivers+=$(waiver AutoScaling.2 "one NAT group per zone" "$asgs")$'\n'
    if [[ $extra == *'interfaceEndpoints: []'* ]]; then
      local lts
      lts=$(names nat-lt "${hosts[@]}")
      waivers+=$(waiver EC2.9 "NAT interfaces carry Elastic IPs and the templates a public address" "$enis, $lts")$'\n'
      waivers+=$(waiver EC2.25 "without an EC2 endpoint the NAT needs a public address" "$lts")$'\n'
    else
      waivers+=$(waiver EC2.9 "NAT interfaces carry Elastic IPs" "$enis")$'\n'
    fi
  fi
  {
    awk -v skip="^    ($nat_waivers):\$" '
      $0 ~ skip { dropping = 1; next }
      dropping && /^      / { next }
      { dropping = 0; print }
      /^  knowledge-card:waivers:$/ { printf "%s", extra }' extra="$waivers" Pulumi.prod.yaml
    printf '  knowledge-card:natStrategy: %s\n' "$strategy"
    printf '  knowledge-card:availabilityZones: [%s]\n' "$(echo "$zones" | sed 's/\([a-z]\)/us-east-1\1/g; s/ /, /g')"
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
    printf '| %s | %s | invalid: %s | | | |\n' "$label" "$egress" "$(tail -n 3 "$dir/log" | tr '\n|' '  ')"
  fi
}

echo "prod monthly estimate as deployed (service at its configured task count) under alternative"
echo "configurations (list prices, same usage assumptions)"
echo
echo "| configuration | per-zone egress | total | NAT + ec2 endpoint lines | failing controls | waived controls |"
echo "|---|---|---:|---:|---:|---|"
for zones in "a b c" "a b"; do
  n=$(wc -w <<<"$zones")
  variant "$n AZs, NAT instance per AZ (instance)" yes instance "$zones" "" ""
  variant "$n AZs, NAT gateway per AZ (perAz)" yes perAz "$zones" "" ""
  variant "$n AZs, one shared NAT instance (singleInstance)" no singleInstance "$zones" "" ""
  variant "$n AZs, one shared NAT gateway (single)" no single "$zones" "" ""
done
# The ec2 endpoint's interfaces in every zone instead of two. AWS recommends at least two zones for high
# availability (VPC user guide, "Share your services through AWS PrivateLink"); that two keep serving
# when one zone fails (its interface drops out of the private DNS answers) is an assumption no AWS page
# states, to verify in a real run.
variant "3 AZs, NAT instance per AZ, ec2 endpoint in 3 zones" yes instance "a b c" \
  "  knowledge-card:interfaceEndpointZones: 3\n" ""
# Levers that need a waiver of a control nothing forces (owner and expiry in prod).
variant "3 AZs, NAT instance per AZ, Container Insights off" yes instance "a b c" \
  "  knowledge-card:containerInsights: false\n" \
  "$(waiver ECS.12 "lever only: prices Container Insights" prod-app-cluster lever)"$'\n'
variant "3 AZs, NAT instance per AZ, no ec2 endpoint" yes instance "a b c" \
  "  knowledge-card:interfaceEndpoints: []\n" \
  "$(waiver EC2.10 "lever only: prices the EC2 endpoint" prod-network-vpc lever)"$'\n'
