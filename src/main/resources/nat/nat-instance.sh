#!/usr/bin/env bash
# Start-up of a NAT instance (EC2 user data of the NAT launch template, Amazon Linux 2023 ARM64).
# Attaches this zone's static network interface (named by the instance tag NatInterfaceId, read
# from instance metadata), sends the instance's traffic through it, and forwards and masquerades
# the VPC's traffic out of it. Safe to run again: every step checks before it changes anything.
# Reads IMDSv2 only (the launch template requires tokens). Runs on every boot: it copies itself to
# cloud-init's per-boot scripts directory, which cloud-init runs at each boot.
set -euo pipefail

readonly imds=http://169.254.169.254/latest
readonly per_boot_dir=/var/lib/cloud/scripts/per-boot
readonly attach_attempts=30

log() { echo "nat-instance: $*" >&2; }

token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 600' "$imds/api/token")
metadata() { curl -fsS -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/$1"; }

# The MAC address of the attached interface with this ENI id, empty when it is not attached.
mac_of() {
  local mac
  for mac in $(metadata network/interfaces/macs/); do
    mac=${mac%/}
    if [[ $(metadata "network/interfaces/macs/$mac/interface-id") == "$1" ]]; then
      echo "$mac"
      return
    fi
  done
}

# The first address of an IPv4 block: the VPC router of a subnet.
first_host() {
  local net=${1%/*} a b c d
  IFS=. read -r a b c d <<<"$net"
  echo "$a.$b.$c.$((d + 1))"
}

region=$(metadata placement/region)
instance=$(metadata instance-id)
interface_id=$(metadata tags/instance/NatInterfaceId)

mac=$(mac_of "$interface_id")
if [[ -z $mac ]]; then
  # A replaced instance's interface detaches while the old instance shuts down: retry until free.
  for ((i = 1; i <= attach_attempts; i++)); do
    if aws ec2 attach-network-interface --region "$region" --instance-id "$instance" \
      --network-interface-id "$interface_id" --device-index 1 >/dev/null; then
      break
    fi
    log "attach $interface_id failed (attempt $i of $attach_attempts)"
    sleep 10
  done
  for ((i = 1; i <= attach_attempts && ${#mac} == 0; i++)); do
    mac=$(mac_of "$interface_id")
    [[ -n $mac ]] || sleep 2
  done
fi
[[ -n $mac ]] || {
  log "$interface_id is not attached"
  exit 1
}

device=""
for ((i = 1; i <= attach_attempts && ${#device} == 0; i++)); do
  device=$(ip -o link | awk -v mac="$mac" 'tolower($0) ~ mac { sub(/[:@].*/, "", $2); print $2; exit }')
  [[ -n $device ]] || sleep 2
done
[[ -n $device ]] || {
  log "no device with MAC $mac"
  exit 1
}
ip link set dev "$device" up
for ((i = 1; i <= attach_attempts; i++)); do
  ip -4 -o addr show dev "$device" | grep -q inet && break
  sleep 2
done

subnet=$(metadata "network/interfaces/macs/$mac/subnet-ipv4-cidr-block")
vpc_cidrs=$(metadata "network/interfaces/macs/$mac/vpc-ipv4-cidr-blocks")

# Leave through the static interface: it carries the fixed Elastic IP.
ip route replace default via "$(first_host "$subnet")" dev "$device"

sysctl -q -w net.ipv4.ip_forward=1
# Traffic enters and leaves by the same interface: no ICMP redirects to the private hosts.
sysctl -q -w net.ipv4.conf.all.send_redirects=0
sysctl -q -w "net.ipv4.conf.$device.send_redirects=0"

command -v iptables >/dev/null || dnf -y -q install iptables-nft
for cidr in $vpc_cidrs; do
  if ! iptables -t nat -C POSTROUTING -s "$cidr" -o "$device" -j MASQUERADE 2>/dev/null; then
    iptables -t nat -A POSTROUTING -s "$cidr" -o "$device" -j MASQUERADE
  fi
done

if [[ -d $per_boot_dir && $0 != "$per_boot_dir/nat-instance.sh" ]]; then
  install -m 0755 "$0" "$per_boot_dir/nat-instance.sh"
fi
log "forwarding $vpc_cidrs through $interface_id ($device)"
