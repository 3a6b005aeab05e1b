#!/usr/bin/env bash
# Packs every TeamBot package into one local feed (artifacts/local-feed) and registers that folder as the NuGet source
# "teambot-local" in your user NuGet config, so `dotnet add package TeamBot --version 0.1.0-local` and
# `dotnet new install TeamBot.Templates::0.1.0-local` work anywhere on this machine. The packages are not on nuget.org.
# Safe to run again after changing the code: it re-packs, evicts the old copies from the NuGet cache and updates the
# source in place.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
feed="$repo/artifacts/local-feed"
# A fixed prerelease version, so the README's commands can name it; a prerelease never shadows a future release.
version=${TEAMBOT_LOCAL_VERSION:-0.1.0-local}

# The packable projects are the ones that name their package (<PackageId>): the libraries, the teambot tool and the
# dotnet new template. Generators and analyzers ship inside the TeamBot package; examples, tests and benchmarks are not packed.
mapfile -t projects < <(cd "$repo" && grep -l '<PackageId>' src/*/*.csproj templates/*/*.csproj | sort)

rm -rf "$feed"
mkdir -p "$feed"
if [ -n "${TEAMBOT_PREPACKED_FEED:-}" ]; then
  # The repository's tests pack once and follow the quick start with those packages: the rest of this script (cache
  # eviction, the NuGet source) is then what they check.
  cp "$TEAMBOT_PREPACKED_FEED"/*."$version".nupkg "$feed"/
  echo "copied the packages of $TEAMBOT_PREPACKED_FEED -> $feed ($version)"
else
  for project in "${projects[@]}"; do
    echo "pack $project -> $feed ($version)"
    # Same switches as tests/TeamBot.Package.Tests; -nodeReuse:false leaves no build server behind.
    dotnet pack "$repo/$project" -c Release -o "$feed" -p:Version="$version" -nodeReuse:false -v quiet -nologo
  done
fi

# NuGet never re-reads a version it has cached, so a re-pack under the same version would be ignored without this.
cache=$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')
for package in "$feed"/*.nupkg; do
  id=$(basename "$package" ".$version.nupkg" | tr '[:upper:]' '[:lower:]')
  rm -rf "${cache%/}/$id/$version"
done

# Register the feed in the user-wide config (run from $HOME so no project's nuget.config is the one edited);
# update it in place when it is already there, e.g. from another clone.
cd "$HOME"
if dotnet nuget list source | grep -qE '^ *[0-9]+\. +teambot-local \['; then
  dotnet nuget update source teambot-local --source "$feed" >/dev/null
  dotnet nuget enable source teambot-local >/dev/null
  echo "updated NuGet source teambot-local -> $feed"
else
  dotnet nuget add source "$feed" --name teambot-local >/dev/null
  echo "added NuGet source teambot-local -> $feed"
fi
echo "packed $(ls "$feed" | wc -l) packages, version $version:"
ls "$feed" | sed 's/^/  /'
