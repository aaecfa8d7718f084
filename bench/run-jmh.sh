#!/usr/bin/env bash
# Runs wa-fleet's JMH benchmarks with settings sized for a 2-core machine shared with other work: one fork,
# 3 x 2 s warm-up and 5 x 2 s measurement per benchmark (about 3 minutes for all), allocation via -prof gc.
# Extra arguments go to JMH after these, e.g. a benchmark regex:  bench/run-jmh.sh Handshake
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh

jar=bench/target/wa-fleet-bench.jar
# Rebuild when the jar is missing or older than any source it contains, so a run never times stale code.
if [ ! -f "$jar" ] || [ -n "$(find pom.xml protocol/pom.xml protocol/src bench/pom.xml bench/src -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -B -pl bench -am package -DskipTests
fi

# JMH 1.37 reads field offsets through sun.misc.Unsafe; allowing it silences JDK 25's deprecation warnings.
# The forked benchmark JVMs inherit the flag.
exec java --sun-misc-unsafe-memory-access=allow -jar "$jar" -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc "$@"
