#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback with TLS for the scripts that test against a real one
# (scripts/service-test.sh, scripts/rotation-test.sh). PostgreSQL refuses to run as root, so as root
# it runs as an unprivileged system user. The caller sets STATE (its own state directory) and
# PG_PORT (its own port), so both scripts can run at once.

PG_VERSION=15
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
SVC_USER=kc-svc-test

as_svc() {
  if ((EUID == 0)); then runuser -u "$SVC_USER" -- "$@"; else "$@"; fi
}

pg_ensure_user() {
  if ((EUID == 0)) && ! id -u "$SVC_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$SVC_USER"
  fi
}

pg_stop() {
  if [[ -f "$STATE/pg/postmaster.pid" ]]; then
    as_svc "$PG_BIN/pg_ctl" -D "$STATE/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# pg_start <superuser> <database> <listen addresses> <certificate> <key>: a new cluster in
# $STATE/pg whose superuser's password is the first line of $STATE/pwfile (scram-sha-256 over TCP,
# TLS on), started on $PG_PORT with its socket in $STATE, and one empty database.
pg_start() {
  local superuser=$1 database=$2 listen=$3 cert=$4 key=$5
  as_svc "$PG_BIN/initdb" -D "$STATE/pg" -U "$superuser" --pwfile="$STATE/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  as_svc "$PG_BIN/pg_ctl" -D "$STATE/pg" -l "$STATE/pg.log" -w start -o \
    "-p $PG_PORT -k $STATE -c listen_addresses=$listen -c ssl=on \
     -c ssl_cert_file=$cert -c ssl_key_file=$key" >/dev/null
  as_svc "$PG_BIN/psql" -h "$STATE" -p "$PG_PORT" -U "$superuser" -d postgres \
    -qc "CREATE DATABASE $database" >/dev/null
}
