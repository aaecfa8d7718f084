#!/usr/bin/env bash
# Measures the packaged server in demo mode (build it first: ./mvnw -pl server -am package -DskipTests):
# links 30 slots through the API, then reports RSS, SIGTERM-to-exit, and process start to 30 CONNECTED after a restart.
set -euo pipefail
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR="$(cd "$(dirname "$0")/.." && pwd)/target/wa-fleet.jar"
DIR="${MEASURE_DIR:-$(mktemp -d)}"
PORT=18080
rm -rf "$DIR"; mkdir -p "$DIR"
now_ms() { date +%s%3N; }
start() {
  : > "$DIR/out.log"
  START_MS=$(now_ms)
  env -i PATH=/usr/bin:/bin WA_DEMO=true SESSIONS_PATH="$DIR/sessions" PORT=$PORT WA_HANDSHAKES_IN_FLIGHT=${INFLIGHT:-3} WA_HANDSHAKES_PER_SECOND=${PERSEC:-1} \
    "$JAVA" -jar "$JAR" > "$DIR/out.log" 2>&1 &
  PID=$!
  for i in $(seq 1 600); do grep -q "wa-fleet started" "$DIR/out.log" && break; sleep 0.1; done
  TOKEN=$(grep -o "demo admin token [^ ]*" "$DIR/out.log" | awk '{print $4}')
}
api() { curl -s -H "Authorization: Bearer $TOKEN" "$@"; }
connected() { api "http://127.0.0.1:$PORT/api/status/dashboard" | python3 -c 'import sys,json; print(json.load(sys.stdin)["summary"]["connected"])'; }
wait_connected() { for i in $(seq 1 3000); do [ "$(connected)" = "30" ] && return 0; sleep 0.1; done; echo "timeout"; return 1; }
stop() {
  T0=$(now_ms); kill -TERM $PID; wait $PID; RC=$?; T1=$(now_ms)
  echo "SIGTERM-to-exit: $((T1-T0)) ms, exit code $RC"
}

INFLIGHT=10 PERSEC=30 start
for n in $(seq -w 1 30); do api -X POST "http://127.0.0.1:$PORT/api/accounts/WA-$n/link" > /dev/null; done
for n in $(seq -w 1 30); do
  for i in $(seq 1 300); do
    code=$(api -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/accounts/WA-$n/qr"); [ "$code" = "200" ] && break; sleep 0.1
  done
  api -X POST "http://127.0.0.1:$PORT/api/demo/accounts/WA-$n/scan" > /dev/null
done
wait_connected
sleep 5
echo "RSS with 30 connected (demo: simulator in the same JVM): $(grep VmRSS /proc/$PID/status)"
stop

start
wait_connected
T=$(now_ms)
echo "process start to 30 CONNECTED after restart (default limiter 3 in flight, 1/s): $((T-START_MS)) ms"
echo "QR offered after restart: $(grep -c "QR_REQUIRED" "$DIR/out.log" || true) lines"
sleep 3
echo "RSS after restore: $(grep VmRSS /proc/$PID/status)"
stop
