# wa-fleet server image: build with the Maven wrapper on a JDK, run on a JRE.
# Build:  docker build -t wa-fleet .
# Run:    docker run -p 8080:8080 -v wa-fleet-data:/data -e SESSIONS_PATH=/data/sessions -e ADMIN_TOKEN=... wa-fleet

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
# The whole reactor (Maven reads every module's pom); .dockerignore keeps build output and .git out.
COPY . .
RUN ./mvnw -B -q -pl server -am package -DskipTests

FROM eclipse-temurin:25-jre
WORKDIR /app
# The jar extracted (application jar + lib/): a plain class path starts faster than nested jars, and an AOT
# cache needs one.
COPY --from=build /src/server/target/wa-fleet.jar /tmp/wa-fleet.jar
RUN java -Djarmode=tools -jar /tmp/wa-fleet.jar extract --destination /app && rm /tmp/wa-fleet.jar
# JVM flags, sized for 500 accounts in a 1 GiB container (measured with bench/run-fleet-bench.sh, which takes
# its default flags from this line; docs/railway.md has the figures). Override the whole value with a
# JDK_JAVA_OPTIONS variable on the service. Set before the AOT training below, which therefore runs with the
# same flags as the service (a cache is refused by a JVM with incompatible ones).
# - Serial GC: the live heap is small (about 30 KiB per idle account plus ~25 MiB for the application, ~40 MiB
#   at 500), so young collections take milliseconds, and no GC threads run or reserve native memory while the
#   fleet idles. The JVM picks it by itself only in containers under 1792 MiB or 2 CPUs.
# - -Xmx256m: a fixed ceiling instead of a share of the container's memory: six times the live heap at 500
#   accounts, leaving room for message bursts, and RSS stays near 260 MiB of a 1 GiB container. Raise it
#   beyond ~2 000 accounts.
# - -XX:TieredStopAtLevel=1 (C1 only, no C2): an idle fleet never needs C2's peak code, and C2 keeps
#   compiling for minutes after every start. At 500 accounts C1 idles at 0.43 CPU s a minute against 0.72
#   with C2 (both two minutes after the restore; 0.53-0.78 against 1.2-1.3 in the first minute), restores with
#   5-7 instead of 11-13 CPU s and uses ~45 MiB less RSS. The price is per message: sealing or opening a 1 KiB
#   frame takes 18-19 us instead of 0.6-1.0 us (JMH), yet end to end (bench item 7: 30 accounts, 1 200
#   messages in a minute through the API) C1 cost 5.2 ms of CPU per message and C2 8.3, busy compiling.
#   Only a fleet sending many messages a second for hours between deploys may gain by dropping this flag.
# The HTTP client's small per-connection buffers are set by the server itself (HttpClientBuffers).
ENV JDK_JAVA_OPTIONS="-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
# JDK AOT cache (JEP 483/514/515): classes loaded and linked, lambdas resolved and method profiles recorded
# during one training run, so the service's start does not repeat that work. The training run starts the Spring
# context on a throwaway sessions path and exits once it is refreshed (before the web server and the fleet
# start). It runs here, in the runtime image, because a cache is only accepted by the same JVM build and
# runtime image, at the same class path (absolute: /app/wa-fleet.jar), with compatible flags (not ZGC, the same
# compressed-oops mode); a mismatch costs only the speed-up (the JVM warns and starts without the cache).
RUN mkdir /tmp/aot-training \
 && SESSIONS_PATH=/tmp/aot-training ADMIN_TOKEN=aot-training-run-only-not-a-secret \
    java -XX:AOTCacheOutput=/app/wa-fleet.aot -Dspring.context.exit=onRefresh -jar /app/wa-fleet.jar \
 && rm -rf /tmp/aot-training \
 && test -s /app/wa-fleet.aot
# Runs as root on purpose: Railway mounts volumes owned by root, and a non-root user could not write the
# sessions there (the start would stop at the storage check). The process writes nothing outside the volume.
EXPOSE 8080
# Exec form: java is PID 1 and receives SIGTERM itself (closes every socket, exits 0).
ENTRYPOINT ["java", "-XX:AOTCache=/app/wa-fleet.aot", "-jar", "/app/wa-fleet.jar"]
