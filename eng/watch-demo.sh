#!/usr/bin/env bash
# Checks that the main job can be watched: starts it in a detached tmux session on a terminal of a fixed size, as a
# person would on an interactive console, and polls the screen until the parallel group's members RESEARCH and
# TEST_STRATEGY are shown running at the same time. Prints that screen and exits 0; on timeout prints the last screen
# and exits 1. The run goes into a fresh temporary runs folder, so repeated checks never meet an earlier run.
#
#   bash eng/watch-demo.sh
#
# TEAMBOT_DEMO_COMMAND replaces the README's 'dotnet run --project src/TeamBot.Cli --' (the tests pass the built
# tool); WATCH_DEMO_TIMEOUT is in seconds (default 300: 'dotnet run' may build first). Arguments are passed to the run,
# e.g. --pace slow.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v tmux >/dev/null || { echo "watch-demo: tmux is not installed" >&2; exit 2; }

runs="$(mktemp -d "${TMPDIR:-/tmp}/teambot-watch-demo.XXXXXX")"
socket="teambot-watch-demo-$$"
tool="${TEAMBOT_DEMO_COMMAND:-dotnet run --project src/TeamBot.Cli --}"
timeout="${WATCH_DEMO_TIMEOUT:-300}"

cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  rm -rf "$runs"
}
trap cleanup EXIT

# A tmux server of its own (-L), so that no session of the user's is touched. CI is unset in the session: under CI the
# tool would write plain lines, and this checks what a person sees. The pane stays after the tool exits, to be read.
extra=""
if (($# > 0)); then printf -v extra ' %q' "$@"; fi
tmux -L "$socket" -f /dev/null new-session -d -s demo -x 150 -y 50 \
  "cd $(printf %q "$repo") && env -u CI $tool run examples/objectives/add-export.md --teambot-dir $(printf %q "$runs")${extra}; echo '[the tool exited]'; sleep 3600"

deadline=$((SECONDS + timeout))
screen=""
while ((SECONDS < deadline)); do
  screen="$(tmux -L "$socket" capture-pane -p -t demo)"
  if grep -Eq 'RESEARCH .*running' <<<"$screen" && grep -Eq 'TEST_STRATEGY .*running' <<<"$screen"; then
    # Both are running: for up to two seconds more, wait for a screen that also shows each one's own streamed text.
    both="$screen"
    for _ in $(seq 10); do
      if grep -Eq 'RESEARCH .*running .*builder-' <<<"$screen" && grep -Eq 'TEST_STRATEGY .*running .*builder-' <<<"$screen"; then
        both="$screen"
        break
      fi
      sleep 0.2
      screen="$(tmux -L "$socket" capture-pane -p -t demo)"
    done
    echo "RESEARCH and TEST_STRATEGY are running at the same time:"
    echo "$both"
    exit 0
  fi
  if grep -q '\[the tool exited\]' <<<"$screen"; then
    break
  fi
  sleep 0.2
done

echo "watch-demo: RESEARCH and TEST_STRATEGY were never shown running together. The last screen:" >&2
echo "$screen" >&2
exit 1
