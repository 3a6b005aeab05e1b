#!/usr/bin/env bash
# Follows README.md's quick start as a new user would: clones this repo's committed state (HEAD, or the revision given
# as $1) into a temporary folder and runs the ```bash blocks between <!-- quickstart:begin --> and
# <!-- quickstart:end --> verbatim, in order, in one shell starting at the clone's root. A fenced block right after
# <!-- quickstart:file NAME --> is written to NAME, as the README asks the reader to. Then it checks what the programs
# printed. HOME, DOTNET_CLI_HOME and the NuGet cache are fresh, so the user's NuGet config, installed templates and cached
# packages cannot hide a missing step; nuget.org stays reachable. Set NUGET_PACKAGES to reuse a package cache (faster,
# but less of a clean machine). Several minutes, most of them packing. TEAMBOT_PREPACKED_FEED=<folder of 0.1.0-local
# packages> makes the quick start's pack step copy them instead: tests/TeamBot.Package.Tests runs this script that way,
# with the packages it packed once, so that .ci/run follows the quick start on every change.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$repo" rev-parse "${1:-HEAD}")
[ -z "$(git -C "$repo" status --porcelain)" ] || echo "note: uncommitted changes in $repo are not part of the clone" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/teambot-quickstart.XXXXXX")
export HOME="$work/home" DOTNET_CLI_HOME="$work/home"
export NUGET_PACKAGES="${NUGET_PACKAGES:-$work/home/.nuget/packages}"
# No build servers left behind, and nothing inherited from an enclosing MSBuild (e.g. when started from a test).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
unset MSBuildExtensionsPath MSBUILD_EXE_PATH MSBuildSDKsPath
mkdir -p "$HOME"

git clone --quiet --no-checkout "$repo" "$work/teambot"
git -C "$work/teambot" checkout --quiet "$rev"

# README section -> one script. Only ```bash blocks and file-marked blocks are taken; prose is ignored.
awk '
  /<!-- quickstart:begin/ { on = 1; next }
  /<!-- quickstart:end/   { on = 0 }
  !on { next }
  /<!-- quickstart:file / { file = $3; next }
  /^```/ && !fence {
    fence = 1
    if (file != "") { print "cat > \"" file "\" <<'"'"'QUICKSTART_EOF'"'"'"; kind = "file" }
    else if ($0 ~ /^```bash *$/) kind = "bash"; else kind = "skip"
    next
  }
  /^```/ && fence { if (kind == "file") print "QUICKSTART_EOF"; fence = 0; file = ""; next }
  fence && kind != "skip" { print }
' "$work/teambot/README.md" > "$work/quickstart.sh"
grep -q 'pack-local-feed' "$work/quickstart.sh" || { echo "no quick start found in README.md" >&2; exit 1; }

echo "running README's quick start in $work (log: $work/quickstart.log)"
cd "$work/teambot"
status=0
bash -xeo pipefail "$work/quickstart.sh" > "$work/quickstart.log" 2>&1 || status=$?
log="$work/quickstart.log"

fail() { echo "FAIL: $1 (log: $log, work folder kept: $work)" >&2; tail -40 "$log" >&2; exit 1; }
[ "$status" -eq 0 ] || fail "a quick-start command exited with $status"
# What the README's comments promise the programs print.
grep -qx 'RESEARCH' "$log" && grep -qx 'TEST_STRATEGY' "$log" || fail "MyWorkflow did not print the parallel group"
grep -q 'flowchart' "$log" || fail "MyWorkflow did not print the Mermaid graph"
grep -q 'Run completed' "$log" || fail "the template project's run did not complete"
[ -f "$work/MyTeam/.teambot/csv-export/orchestration_state.json" ] || fail "the template project saved no run state"

grep -E '^(RESEARCH|TEST_STRATEGY)$|Run completed' "$log" | sed 's/^/  /'
echo "PASS: README quick start ($(grep -c '^+ ' "$log") commands) in a fresh clone of $rev"
rm -rf "$work"
