#!/usr/bin/env bash
# Regenerates the Baileys fixtures of the import tests (protocol/src/test/resources/baileys/), one per
# Baileys version the import supports. Needs the simulator jar and both npm projects installed:
#   ./mvnw -B -pl simulator -am package -DskipTests
#   (cd conformance && npm ci --ignore-scripts) && (cd conformance/baileys-rc9 && npm ci --ignore-scripts)
#   conformance/scripts/make-import-fixtures.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$here/../../protocol/src/test/resources/baileys"
declare -A phones=([rc14]=+15550001001 [rc9]=+15550002002)
for version in rc14 rc9; do
  out="$target/$version"
  rm -rf "$out"
  mkdir -p "$out"
  node "$here/make-baileys-auth-dir.mjs" --baileys "$version" --out "$out/auth" \
    --state-file "$out/simulator-state.json" --phone "${phones[$version]}"
done
