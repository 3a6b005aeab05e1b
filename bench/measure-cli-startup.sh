#!/usr/bin/env bash
# Time from process start to the first stage event of `teambot run`, for a JIT build and, when given, a Native AOT
# binary. Usage: bash bench/measure-cli-startup.sh [runs] [aot-binary]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
aot=${2:-}
dotnet build src/TeamBot.Cli -c Release -v q -nologo >/dev/null
jit=(dotnet "$PWD/src/TeamBot.Cli/bin/Release/net10.0/TeamBot.Cli.dll")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp examples/objectives/add-export.md "$work/"

measure() {
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/.teambot"
    local start end
    start=$(date +%s%N)
    (cd "$work" && "$@" run add-export.md --plain) | grep -m1 -q 'StageStarted'
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ a[NR] = $1 } END { printf "%s: median %d ms, min %d ms, max %d ms over %d runs\n", label, a[int((NR + 1) / 2)], a[1], a[NR], NR }'
}

measure "JIT (dotnet TeamBot.Cli.dll)" "${jit[@]}"
if [ -n "$aot" ]; then
  measure "Native AOT ($aot)" "$aot"
fi
