#!/usr/bin/env bash
# Every test and check of this repository, as CI runs it (`bash .ci/run` calls this script):
#   1. the infrastructure program: format check, -Werror compile, unit tests, SpotBugs, shaded jar
#   2. the offline synth of every committed stack
#   2b. the IAM simulation (iam-sim/): the synthesized CI policies, boundary and trust evaluated
#       with @cloud-copilot/iam-simulate; needs step 2's graphs
#   3. the service in app/: PostgreSQL + pgvector and Redis on loopback, Dockerfile lint, tests
#   4. the rotation function in rotation/: each rotation step against PostgreSQL on loopback
#      (scripts/rotation-test.sh)
#   5. the workflow lint (actionlint + shellcheck)
#   6. the delivery scripts against recording fakes of aws, pulumi, skopeo, docker, gh
#      (scripts/test/delivery-test.sh)
#   7. the NAT instance start-up script in network namespaces (root)
# Every step runs even when an earlier one fails, so one run reports everything; the exit status
# is non-zero when any step failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

# Java 17: the Pulumi SDK's gRPC stack misbehaves on newer JDKs.
if [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
  export PATH="$JAVA_HOME/bin:$PATH"
fi
if ! command -v mvn >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
fi

failed=()
step() {
  local name=$1
  shift
  echo "==> ${name}"
  local started=$SECONDS
  if "$@"; then
    echo "==> ${name}: ok ($((SECONDS - started)) s)"
  else
    echo "==> ${name}: FAILED ($((SECONDS - started)) s)"
    failed+=("${name}")
  fi
}

synth_all() {
  local stack
  for file in Pulumi.*.yaml; do
    stack=${file#Pulumi.}
    stack=${stack%.yaml}
    java -jar target/knowledge-card-infra.jar synth --stack "${stack}" || return 1
  done
}

iam_simulation() {
  command -v node >/dev/null || { echo "node is required (Node.js 20+)" >&2; return 1; }
  (cd iam-sim && npm ci --no-audit --no-fund --loglevel=error && node run.mjs)
}

step "infrastructure: mvn verify" mvn -B -ntp verify
step "infrastructure: offline synth of every stack" synth_all
step "access: IAM simulation of the synthesized policies" iam_simulation
step "service: tests and Dockerfile lint" bash scripts/service-test.sh
step "rotation function: tests against PostgreSQL" bash scripts/rotation-test.sh
step "workflow lint (actionlint + shellcheck)" bash scripts/lint-workflows.sh
step "delivery scripts: bootstrap, deploy, promotion, restore, drift (fake CLIs)" bash scripts/test/delivery-test.sh
step "NAT instance script in network namespaces" bash scripts/nat-instance-test.sh

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED steps: ${failed[*]}"
  exit 1
fi
echo "All steps passed."
