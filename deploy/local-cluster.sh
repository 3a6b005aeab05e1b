#!/usr/bin/env bash
# A local three-silo TeamBot cluster on PostgreSQL, for trying the scale-out out on one machine.
#
#   bash deploy/local-cluster.sh start     # builds the tool once, starts PostgreSQL (unless TEAMBOT_POSTGRES is set)
#                                          # and three silos on 127.0.0.1, and prints the --cluster connection
#   bash deploy/local-cluster.sh stop      # stops the silos and the PostgreSQL this script started
#
# The silos run the built binary, not `dotnet run`: three `dotnet run` at once race on the same build.
set -euo pipefail
cd "$(dirname "$0")/.."
state=.teambot/local-cluster
tool=src/TeamBot.Cli/bin/Release/net10.0/TeamBot.Cli

start() {
  mkdir -p "$state"
  if [ -f "$state/pids" ]; then
    echo "A local cluster is already running (see $state); stop it first: bash deploy/local-cluster.sh stop" >&2
    exit 1
  fi

  dotnet build src/TeamBot.Cli -c Release -nologo -v quiet >&2

  local pg=${TEAMBOT_POSTGRES:-}
  if [ -z "$pg" ]; then
    pg=$(bash .ci/postgres.sh start)
    cp /tmp/teambot-pg.last "$state/postgres-dir"
  fi
  echo "$pg" > "$state/connection"

  : > "$state/pids"
  for i in 1 2 3; do
    "$tool" serve --silo-port $((11110 + i)) --gateway-port $((29999 + i)) --address 127.0.0.1 --postgres "$pg" \
      > "$state/silo-$i.log" 2>&1 &
    echo $! >> "$state/pids"
  done

  # A silo is up when its gateway port accepts connections.
  for port in 30000 30001 30002; do
    for _ in $(seq 1 120); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
      sleep 0.5
    done
  done

  echo "Three silos are up (logs in $state). Try:" >&2
  echo "  $tool run examples/objectives/add-export.md --cluster \"$pg\"" >&2
  echo "  $tool status --cluster \"$pg\"" >&2
  echo "$pg"
}

stop() {
  if [ -f "$state/pids" ]; then
    # SIGTERM: each silo leaves the cluster cleanly (its membership row ends Dead) before it exits.
    xargs kill -TERM < "$state/pids" 2>/dev/null || true
    while read -r pid; do
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    done < "$state/pids"
    rm -f "$state/pids"
  fi

  if [ -f "$state/postgres-dir" ]; then
    bash .ci/postgres.sh stop "$(cat "$state/postgres-dir")"
    rm -f "$state/postgres-dir"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: bash deploy/local-cluster.sh start|stop" >&2; exit 2 ;;
esac
