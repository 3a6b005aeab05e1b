#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback for the scale-out tests (installed from Debian packages when missing) and
# prints its connection string; `.ci/postgres.sh stop <dir>` stops it and deletes its data. Sourced by .ci/run.
set -euo pipefail

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

postgres_start() {
  if [ -z "$(pg_bin)" ]; then
    echo "Installing PostgreSQL from Debian packages..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  fi
  local bin dir port as_postgres
  bin=$(pg_bin)
  dir=$(mktemp -d /tmp/teambot-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # initdb and postgres refuse to run as root; the Debian package creates the postgres user.
  if [ "$(id -u)" -eq 0 ]; then as_postgres="runuser -u postgres --"; chown postgres "$dir"; else as_postgres=""; fi
  $as_postgres "$bin/initdb" -D "$dir/data" -U teambot --auth=trust >/dev/null
  $as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" -w start >/dev/null
  $as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U teambot teambot
  echo "$dir" > /tmp/teambot-pg.last
  echo "Host=127.0.0.1;Port=$port;Username=teambot;Database=teambot"
}

postgres_stop() {
  local dir=$1 as_postgres=""
  [ "$(id -u)" -eq 0 ] && as_postgres="runuser -u postgres --"
  $as_postgres "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-start}" in
  start) postgres_start ;;
  stop) postgres_stop "$2" ;;
esac
