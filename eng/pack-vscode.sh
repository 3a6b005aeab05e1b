#!/usr/bin/env bash
# Builds the VS Code extension for workflow files from the committed sources and packs it: installs the locked npm
# packages, typechecks, runs the unit tests, bundles with esbuild and packs with vsce. Needs Node.js 20+ and npm with
# access to the npm registry. The last line printed is the path of the .vsix.
#
#   bash eng/pack-vscode.sh
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo/editors/vscode"
command -v npm >/dev/null || { echo "pack-vscode: npm is not installed" >&2; exit 2; }

npm ci --no-audit --no-fund --loglevel=error
npm run --silent typecheck
npm test --silent
rm -rf dist
npm run --silent bundle

version="$(node -p "require('./package.json').version")"
vsix="$PWD/teambot-workflows-$version.vsix"
rm -f "$vsix"
# --no-dependencies: the bundle already holds vscode-languageclient. The flags answer the questions vsce would
# otherwise ask on a terminal: the repository has no public URL yet, and the licence (MIT) is stated in package.json.
npx --no-install vsce package --no-dependencies --allow-missing-repository --skip-license --out "$vsix" </dev/null >&2
echo "$vsix"
