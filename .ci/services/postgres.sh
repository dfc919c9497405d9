#!/usr/bin/env bash
# Install Debian's PostgreSQL (when missing), start a cluster on loopback, create the test database and export
# NEWSFACTS_TEST_PG_URL for the store tests. Meant to be sourced by .ci/run:  source .ci/services/postgres.sh
# Safe to source twice: every step checks before it acts.
_newsfacts_saved_opts="$(set +o)"
# command substitution drops errexit, so note it from $- directly
case $- in *e*) _newsfacts_saved_opts="$_newsfacts_saved_opts; set -e" ;; esac
set -euo pipefail

NEWSFACTS_PG_PORT="${NEWSFACTS_PG_PORT:-5432}"
NEWSFACTS_PG_DB="${NEWSFACTS_PG_DB:-newsfacts_test}"
NEWSFACTS_PG_USER="${NEWSFACTS_PG_USER:-newsfacts}"
NEWSFACTS_PG_PASSWORD="${NEWSFACTS_PG_PASSWORD:-newsfacts}"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main -p "$NEWSFACTS_PG_PORT" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  # listen on loopback only: the tests need no other interface
  pg_ctlcluster "$version" main start -o "-c listen_addresses=127.0.0.1 -p $NEWSFACTS_PG_PORT"
fi
for _ in $(seq 1 30); do
  as_postgres pg_isready -q -h 127.0.0.1 -p "$NEWSFACTS_PG_PORT" && break
  sleep 1
done

as_postgres psql -q -p "$NEWSFACTS_PG_PORT" -d postgres -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$NEWSFACTS_PG_USER') THEN
    CREATE ROLE $NEWSFACTS_PG_USER LOGIN PASSWORD '$NEWSFACTS_PG_PASSWORD' CREATEDB;
  END IF;
END \$\$;
SQL
if ! as_postgres psql -p "$NEWSFACTS_PG_PORT" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$NEWSFACTS_PG_DB'" | grep -q 1; then
  as_postgres createdb -p "$NEWSFACTS_PG_PORT" -O "$NEWSFACTS_PG_USER" "$NEWSFACTS_PG_DB"
fi

export NEWSFACTS_TEST_PG_URL="postgresql+psycopg://$NEWSFACTS_PG_USER:$NEWSFACTS_PG_PASSWORD@127.0.0.1:$NEWSFACTS_PG_PORT/$NEWSFACTS_PG_DB"
echo "NEWSFACTS_TEST_PG_URL=$NEWSFACTS_TEST_PG_URL"
eval "$_newsfacts_saved_opts"  # give the sourcing shell its own options back
