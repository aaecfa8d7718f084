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
# The server runs as the Docker image runs it: the jar extracted, the JVM flags of the Dockerfile's JDK_JAVA_OPTIONS
# (unless FLEET_JAVA_OPTS is set) and a JDK AOT cache recorded by the same training run, redone whenever the jar or
# the flags change. WA_FLEET_JAR (a jar of your own) or BENCH_FLEET_AOT=0 run a jar as it is, without a cache.
if [ -z "${WA_FLEET_JAR:-}" ] && [ "${BENCH_FLEET_AOT:-1}" = 1 ]; then
  flags="${FLEET_JAVA_OPTS:-$(sed -n 's|^ENV JDK_JAVA_OPTIONS="\(.*\)"$|\1|p' Dockerfile)}"
  [ -n "$flags" ] || { echo "no ENV JDK_JAVA_OPTIONS line found in the Dockerfile; set FLEET_JAVA_OPTS" >&2; exit 1; }
  image="$ROOT/bench/target/fleet-image"
  if [ ! -s "$image/wa-fleet.aot" ] || [ server/target/wa-fleet.jar -nt "$image/wa-fleet.aot" ] \
      || [ "$(cat "$image/flags" 2>/dev/null)" != "$flags" ]; then
    echo "extracting server/target/wa-fleet.jar and recording its AOT cache (flags: $flags)"
    rm -rf "$image"
    java -Djarmode=tools -jar server/target/wa-fleet.jar extract --destination "$image"
    training="$(mktemp -d)"
    # shellcheck disable=SC2086 # the flags are a list of words
    SESSIONS_PATH="$training" ADMIN_TOKEN=aot-training-run-only-not-a-secret \
      java $flags -XX:AOTCacheOutput="$image/wa-fleet.aot" -Dspring.context.exit=onRefresh -jar "$image/wa-fleet.jar" \
      > "$image/training.log" 2>&1
    rm -rf "$training"
    [ -s "$image/wa-fleet.aot" ] || { echo "AOT training run failed: see $image/training.log" >&2; exit 1; }
    printf '%s' "$flags" > "$image/flags"
  fi
  export WA_FLEET_JAR="$image/wa-fleet.jar" FLEET_JAVA_OPTS="$flags -XX:AOTCache=$image/wa-fleet.aot"
fi
# The bench's Node scripts import 'baileys' and 'pino'; they resolve through this link to the conformance install.
ln -sfn ../../conformance/node_modules bench/fleet/node_modules
exec node bench/fleet/fleet-bench.mjs "$@"
