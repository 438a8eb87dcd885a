#!/usr/bin/env bash
# Builds and tests the Next.js service in app/ against a real PostgreSQL (with
# pgvector) and a real Redis on 127.0.0.1, plus the Dockerfile lint.
# Made for a fresh Debian 12 machine as root (CI=true, no stdin); also works on
# a machine that already ran it. Everything it starts is stopped on exit.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APP="$ROOT/app"
PG_PORT=${KC_TEST_PG_PORT:-55432}
REDIS_PORT=${KC_TEST_REDIS_PORT:-56379}
REDIS_TLS_PORT=${KC_TEST_REDIS_TLS_PORT:-56380}
STATE=${KC_TEST_STATE_DIR:-/tmp/kc-service-test}
# shellcheck source=scripts/lib/test-postgres.sh
source "$ROOT/scripts/lib/test-postgres.sh"
export DEBIAN_FRONTEND=noninteractive NEXT_TELEMETRY_DISABLED=1

log() { printf '\n==> %s\n' "$*"; }
started=$(date +%s)

install_packages() {
  local pkgs=("postgresql-$PG_VERSION" "postgresql-server-dev-$PG_VERSION" redis-server
    build-essential dpkg-dev openssl ca-certificates shellcheck)
  local missing=() p
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  command -v node >/dev/null || { echo "node is required (Node.js 20+)" >&2; exit 1; }
}

# Debian 12 has no pgvector binary package: build Debian's own source package
# (only trixie has it) against postgresql-server-dev-15. Takes seconds.
install_pgvector() {
  local libdir sharedir
  libdir=$("$PG_BIN/pg_config" --pkglibdir)
  sharedir=$("$PG_BIN/pg_config" --sharedir)
  if [[ -f "$libdir/vector.so" && -f "$sharedir/extension/vector.control" ]]; then
    return
  fi
  log "building pgvector from Debian's source package"
  local src=/etc/apt/sources.list.d/kc-pgvector-src.sources
  if ! apt-cache showsrc pgvector 2>/dev/null | grep -q '^Package: pgvector'; then
    cat >"$src" <<'SRC'
# Added by scripts/service-test.sh: source packages only, to build pgvector.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt-get update -qq
  fi
  local work
  work=$(mktemp -d)
  (
    cd "$work"
    apt-get source -qq pgvector >/dev/null 2>&1
    cd "$(find . -maxdepth 1 -type d -name 'pgvector-*' | head -n1)"
    # OPTFLAGS="": no -march=native, the build stays portable.
    make -s PG_CONFIG="$PG_BIN/pg_config" OPTFLAGS="" >/dev/null
    make -s PG_CONFIG="$PG_BIN/pg_config" install >/dev/null
  )
  rm -rf "$work"
}

stop_services() {
  pg_stop
  if [[ -f "$STATE/redis.pid" ]]; then
    local pid
    pid=$(cat "$STATE/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$STATE/redis.pid"
  fi
}

cleanup() {
  local rc=$?
  stop_services
  log "finished in $(($(date +%s) - started)) s (exit $rc)"
  exit "$rc"
}

start_services() {
  pg_ensure_user
  # Leftovers from an interrupted earlier run.
  stop_services
  rm -rf "$STATE"
  mkdir -p "$STATE/tls" "$STATE/redis"
  DB_PASSWORD=$(openssl rand -hex 16)
  # The default user is the tests' administrator (ACL SETUSER, CLIENT KILL).
  KC_TEST_REDIS_ADMIN_PASSWORD=$(openssl rand -hex 16)

  # A throwaway CA signs one server certificate for 127.0.0.1 and localhost,
  # like RDS's CA signs each instance's. It serves both TLS endpoints; the app
  # verifies PostgreSQL against DB_CA_FILE (verify-full) and Redis against
  # NODE_EXTRA_CA_CERTS where a test trusts it. PostgreSQL also listens on
  # 127.0.0.2, a name the certificate does not carry (host-name check test).
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=kc-test-ca" \
    -keyout "$STATE/tls/ca-key.pem" -out "$STATE/tls/ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 \
    -keyout "$STATE/tls/key.pem" -out "$STATE/tls/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$STATE/tls/san.ext"
  openssl x509 -req -in "$STATE/tls/server.csr" -CA "$STATE/tls/ca.pem" -CAkey "$STATE/tls/ca-key.pem" \
    -CAcreateserial -days 2 -extfile "$STATE/tls/san.ext" -out "$STATE/tls/cert.pem" >/dev/null 2>&1
  printf '%s\n' "$DB_PASSWORD" >"$STATE/pwfile"
  if ((EUID == 0)); then chown -R "$SVC_USER" "$STATE"; fi
  chmod 600 "$STATE/tls/key.pem" "$STATE/tls/ca-key.pem" "$STATE/pwfile"

  log "starting PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT"
  pg_start kc kc_app 127.0.0.1,127.0.0.2 "$STATE/tls/cert.pem" "$STATE/tls/key.pem"

  log "starting Redis on 127.0.0.1:$REDIS_PORT (TLS on $REDIS_TLS_PORT)"
  as_svc redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --tls-port "$REDIS_TLS_PORT" \
    --tls-cert-file "$STATE/tls/cert.pem" --tls-key-file "$STATE/tls/key.pem" \
    --tls-ca-cert-file "$STATE/tls/ca.pem" --tls-auth-clients no \
    --requirepass "$KC_TEST_REDIS_ADMIN_PASSWORD" --save '' --appendonly no \
    --dir "$STATE/redis" --logfile "$STATE/redis.log" \
    --daemonize yes --pidfile "$STATE/redis.pid"
  for _ in $(seq 50); do
    REDISCLI_AUTH=$KC_TEST_REDIS_ADMIN_PASSWORD redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
  done
  # The app's user. Only ElastiCache can check an IAM token's signature, so
  # this shared user accepts any password; tests that check the token itself
  # create users whose password is exactly the expected token.
  REDISCLI_AUTH=$KC_TEST_REDIS_ADMIN_PASSWORD redis-cli -h 127.0.0.1 -p "$REDIS_PORT" \
    ACL SETUSER kc-app on nopass '~*' '&*' '+@all' >/dev/null

  # The service's own environment contract, pointed at the test services.
  export NODE_ENV=test PORT=3000
  export DB_HOST=127.0.0.1 DB_PORT=$PG_PORT DB_NAME=kc_app DB_USER=kc DB_PASSWORD
  export DB_SSL=verify-full DB_CA_FILE="$STATE/tls/ca.pem"
  export REDIS_HOST=127.0.0.1 REDIS_PORT REDIS_TLS=false REDIS_AUTH_MODE=iam REDIS_USER=kc-app \
    REDIS_CACHE_NAME=kc-test-cache
  # Dummy keys for the SDK's credential chain (IAM tokens are signed locally).
  export AWS_ACCESS_KEY_ID=AKIDKCTESTONLY000000 AWS_SECRET_ACCESS_KEY=kc-test-only-not-a-real-key \
    AWS_EC2_METADATA_DISABLED=true
  export MEDIA_BUCKET=kc-media-test AWS_REGION=eu-west-1 PUBLIC_URL=http://127.0.0.1:3000
  NEXTAUTH_SECRET=$(openssl rand -hex 32)
  export NEXTAUTH_SECRET
  # Test-only knobs.
  export KC_TEST_REDIS_TLS_PORT=$REDIS_TLS_PORT KC_TEST_TLS_CA="$STATE/tls/ca.pem" KC_TEST_REDIS_ADMIN_PASSWORD
}

main() {
  if ((EUID == 0)); then install_packages; install_pgvector; fi
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  log "shellcheck"
  (cd "$ROOT" && shellcheck --external-sources scripts/service-test.sh scripts/lib/test-postgres.sh)

  start_services

  cd "$APP"
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error

  log "Dockerfile lint"
  npm run --silent lint:dockerfile

  log "next build"
  npm run --silent build >"$STATE/build.log" 2>&1 || { cat "$STATE/build.log"; exit 1; }
  tail -n 12 "$STATE/build.log"

  log "tests"
  npm test
}

main "$@"
