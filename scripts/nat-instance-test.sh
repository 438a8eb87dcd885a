#!/usr/bin/env bash
# Exercises the NAT instance start-up script (src/main/resources/nat/nat-instance.sh) for real, in
# network namespaces this test creates and removes:
#
#   client ns (10.99.8.10, "app subnet") -> nat ns (10.99.8.1 | static interface 10.99.0.20)
#     -> server ns (10.99.0.1, the "VPC router", with the "internet" host 203.0.113.10)
#
# Instance metadata (IMDSv2) and the AWS CLI are fakes on PATH: `curl` answers the metadata paths
# the script reads, `aws ec2 attach-network-interface` checks its arguments and plays the part of
# the attachment plus DHCP by giving the static interface its address. Everything else is real:
# the kernel forwards and iptables masquerades as the script configures them.
# Asserts: the client cannot reach the server before the script runs; it can afterwards; the
# server sees the NAT's address (masquerade); a second run changes nothing and attaches nothing.
# Needs root (namespaces, iptables); installs iproute2 and iptables with apt when missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
script="$root/src/main/resources/nat/nat-instance.sh"

log() { echo "nat-instance-test: $*"; }
fail() {
  echo "nat-instance-test: FAIL: $*" >&2
  exit 1
}

((EUID == 0)) || fail "needs root (network namespaces and iptables)"
missing=()
command -v ip >/dev/null || missing+=(iproute2)
command -v iptables >/dev/null || missing+=(iptables)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

id=$$
client=kcnat-client-$id
nat=kcnat-nat-$id
server=kcnat-server-$id
work=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -z $server_pid ]] || kill "$server_pid" 2>/dev/null || true
  for ns in "$client" "$nat" "$server"; do ip netns delete "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

static_mac=02:00:5e:00:99:20
for ns in "$client" "$nat" "$server"; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
done
# client <-> nat: the app subnet's path to the NAT (the route table's target)
ip link add "c$id" netns "$client" type veth peer name "n$id" netns "$nat"
ip -n "$client" addr add 10.99.8.10/24 dev "c$id"
ip -n "$client" link set "c$id" up
ip -n "$client" route add default via 10.99.8.1
ip -n "$nat" addr add 10.99.8.1/24 dev "n$id"
ip -n "$nat" link set "n$id" up
# nat <-> server: the static interface, down and without an address until "attached"
ip link add "s$id" netns "$nat" address "$static_mac" type veth peer name "r$id" netns "$server"
ip -n "$server" addr add 10.99.0.1/24 dev "r$id"
ip -n "$server" link set "r$id" up
ip -n "$server" addr add 203.0.113.10/32 dev lo

# The server answers every connection with the address it sees the client at.
ip netns exec "$server" python3 -c '
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("203.0.113.10", 8080))
s.listen()
while True:
    c, peer = s.accept()
    c.sendall((peer[0] + "\n").encode())
    c.close()
' &
server_pid=$!

reach() {
  ip netns exec "$client" timeout 3 bash -c 'exec 3<>/dev/tcp/203.0.113.10/8080 && cat <&3' 2>/dev/null
}
for _ in {1..20}; do
  ip netns exec "$server" bash -c 'exec 3<>/dev/tcp/203.0.113.10/8080' 2>/dev/null && break
  sleep 0.2
done

# Fakes: instance metadata through curl, the EC2 API through aws.
mkdir -p "$work/bin"
cat >"$work/bin/curl" <<FAKE
#!/usr/bin/env bash
url=\${*: -1}
path=\${url#http://169.254.169.254/latest/}
case \$path in
  api/token) echo fake-token ;;
  meta-data/placement/region) echo us-east-1 ;;
  meta-data/instance-id) echo i-0fake ;;
  meta-data/tags/instance/NatInterfaceId) echo eni-0static ;;
  meta-data/network/interfaces/macs/)
    echo 02:00:5e:00:99:10/
    [[ -f $work/attached ]] && echo $static_mac/ ;;
  meta-data/network/interfaces/macs/02:00:5e:00:99:10/interface-id) echo eni-0primary ;;
  meta-data/network/interfaces/macs/$static_mac/interface-id) echo eni-0static ;;
  meta-data/network/interfaces/macs/$static_mac/subnet-ipv4-cidr-block) echo 10.99.0.0/24 ;;
  meta-data/network/interfaces/macs/$static_mac/vpc-ipv4-cidr-blocks) echo 10.99.0.0/16 ;;
  *) echo "fake metadata: no \$path" >&2; exit 22 ;;
esac
FAKE
cat >"$work/bin/aws" <<FAKE
#!/usr/bin/env bash
echo "\$*" >>$work/aws-calls
expected="ec2 attach-network-interface --region us-east-1 --instance-id i-0fake --network-interface-id eni-0static --device-index 1"
[[ "\$*" == "\$expected" ]] || { echo "fake aws: unexpected call: \$*" >&2; exit 2; }
touch $work/attached
ip addr add 10.99.0.20/24 dev s$id
echo '{"AttachmentId": "eni-attach-0fake"}'
FAKE
chmod +x "$work/bin/curl" "$work/bin/aws"

run_script() {
  ip netns exec "$nat" env PATH="$work/bin:$PATH" bash "$script"
}

log "before the script: the client must not reach the server"
if reach >/dev/null; then fail "client reached the server without the NAT configured"; fi

log "running the start-up script in the NAT namespace"
run_script
seen=$(reach) || fail "client cannot reach the server through the NAT"
[[ $seen == 10.99.0.20 ]] || fail "server saw $seen, expected the NAT's address 10.99.0.20 (masquerade)"
log "client reached the server; the server saw $seen (masqueraded)"

log "second run: idempotent"
run_script
[[ $(wc -l <"$work/aws-calls") == 1 ]] || fail "the interface was attached again: $(cat "$work/aws-calls")"
rules=$(ip netns exec "$nat" iptables -t nat -S POSTROUTING | grep -c MASQUERADE)
[[ $rules == 1 ]] || fail "$rules MASQUERADE rules after two runs, expected 1"
seen=$(reach) || fail "client lost the server after the second run"
[[ $seen == 10.99.0.20 ]] || fail "server saw $seen after the second run"

log "without forwarding the path is gone again (the NAT is the only way out)"
ip netns exec "$nat" sysctl -q -w net.ipv4.ip_forward=0
if reach >/dev/null; then fail "client reached the server with forwarding off"; fi
log "ok"
