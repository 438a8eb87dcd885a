#!/usr/bin/env bash
# Tests the Secrets Manager rotation function in rotation/ against a real PostgreSQL on
# 127.0.0.1 (TLS with a throwaway CA) and a loopback fake Secrets Manager (started by the tests).
# Installs PostgreSQL like scripts/service-test.sh and starts it with the same helper
# (scripts/lib/test-postgres.sh); own port and state dir, so both can run at once.
# Everything it starts is stopped on exit.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_PORT=${KC_ROTATION_PG_PORT:-55532}
STATE=${KC_ROTATION_STATE_DIR:-/tmp/kc-rotation-test}
# shellcheck source=scripts/lib/test-postgres.sh
source "$ROOT/scripts/lib/test-postgres.sh"
export DEBIAN_FRONTEND=noninteractive

log() { printf '\n==> %s\n' "$*"; }
install_packages() {
  if ! dpkg-query -W -f='${Status}' "postgresql-$PG_VERSION" openssl 2>/dev/null | grep -q 'install ok installed'; then
    log "installing postgresql-$PG_VERSION"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "postgresql-$PG_VERSION" openssl ca-certificates >/dev/null
  fi
  command -v node >/dev/null || { echo "node is required (Node.js 20+)" >&2; exit 1; }
}

# A CA that signs the server certificate (SAN localhost), and an unrelated CA the tests use to
# show the function refuses a server it cannot verify.
make_certificates() {
  local tls=$STATE/tls
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=kc-rotation-test-ca \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" >/dev/null 2>&1
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=kc-rotation-other-ca \
    -keyout "$tls/other.key" -out "$tls/other-ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj /CN=localhost \
    -keyout "$tls/server.key" -out "$tls/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=DNS:localhost\n' >"$tls/san.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
    -days 2 -extfile "$tls/san.ext" -out "$tls/server.pem" >/dev/null 2>&1
}

main() {
  if ((EUID == 0)); then install_packages; fi
  pg_ensure_user
  trap pg_stop EXIT
  trap 'exit 130' INT TERM
  pg_stop
  rm -rf "$STATE"
  mkdir -p "$STATE/tls"
  make_certificates
  MASTER_PASSWORD=$(openssl rand -hex 16)
  printf '%s\n' "$MASTER_PASSWORD" >"$STATE/pwfile"
  if ((EUID == 0)); then chown -R "$SVC_USER" "$STATE"; fi
  chmod 600 "$STATE/tls/server.key" "$STATE/pwfile"

  log "starting PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT (TLS, scram-sha-256)"
  pg_start kcmaster kc_rotation 127.0.0.1 "$STATE/tls/server.pem" "$STATE/tls/server.key"

  cd "$ROOT/rotation"
  log "npm ci (rotation)"
  npm ci --no-audit --no-fund --loglevel=error
  log "rotation tests"
  ROTATION_TEST_PG_HOST=localhost ROTATION_TEST_PG_PORT=$PG_PORT ROTATION_TEST_DB=kc_rotation \
    ROTATION_TEST_CA="$STATE/tls/ca.pem" ROTATION_TEST_OTHER_CA="$STATE/tls/other-ca.pem" \
    ROTATION_TEST_MASTER_USER=kcmaster ROTATION_TEST_MASTER_PASSWORD="$MASTER_PASSWORD" \
    npm test
}

main "$@"
