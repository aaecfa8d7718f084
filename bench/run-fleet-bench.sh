#!/usr/bin/env bash
# wa-fleet against Baileys 7.0.0-rc14 on the same standalone simulator (see bench/README.md, "Fleet bench").
#   bench/run-fleet-bench.sh 30 100 500
# Builds the server and simulator jars when missing, installs the conformance npm project (Baileys) when
# missing, pairs accounts once into $BENCH_DIR (default bench/target/fleet-bench) and reuses them.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. .ci/java-home.sh
if [ ! -f server/target/wa-fleet.jar ] || [ ! -f simulator/target/wa-simulator.jar ]; then
  ./mvnw -B -q -pl server,simulator -am package -DskipTests
fi
if [ ! -d conformance/node_modules/baileys ]; then
  (cd conformance && npm ci --ignore-scripts)
fi
# The bench's Node scripts import 'baileys' and 'pino'; they resolve through this link to the conformance install.
ln -sfn ../../conformance/node_modules bench/fleet/node_modules
exec node bench/fleet/fleet-bench.mjs "$@"
