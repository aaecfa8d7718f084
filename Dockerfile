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
COPY --from=build /src/server/target/wa-fleet.jar /app/wa-fleet.jar
# Runs as root on purpose: Railway mounts volumes owned by root, and a non-root user could not write the
# sessions there (the start would stop at the storage check). The process writes nothing outside the volume.
EXPOSE 8080
# JVM flags, sized for 500 accounts in a 1 GiB container (measured with bench/run-fleet-bench.sh, which takes
# its default flags from this line; docs/railway.md has the figures). Override the whole value with a
# JDK_JAVA_OPTIONS variable on the service.
# - Serial GC: the live heap is small (about 30 KiB per idle account plus ~25 MiB for the application, ~40 MiB
#   at 500), so young collections take milliseconds, and no GC threads run or reserve native memory while the
#   fleet idles. The JVM picks it by itself only in containers under 1792 MiB or 2 CPUs.
# - -Xmx256m: a fixed ceiling instead of a share of the container's memory: six times the live heap at 500
#   accounts, leaving room for message bursts, and RSS stays near 300 MiB of a 1 GiB container. Raise it
#   beyond ~2 000 accounts.
# - C2 stays (no -XX:TieredStopAtLevel=1): C1 alone halves the restore's CPU and saves the JIT's work in the
#   first minutes (a one-time cost), but then sealing or opening a 1 KiB frame costs 33-40 us instead of
#   1.5-3.7 us, which a fleet that sends messages pays on every frame for good. Once warm, C2 idles at about
#   0.73 CPU s a minute with 500 accounts; C1 measured 0.78 in its first minute.
# The HTTP client's small per-connection buffers are set by the server itself (HttpClientBuffers).
ENV JDK_JAVA_OPTIONS="-XX:+UseSerialGC -Xmx256m -XX:+ExitOnOutOfMemoryError"
# Exec form: java is PID 1 and receives SIGTERM itself (closes every socket, exits 0).
ENTRYPOINT ["java", "-jar", "/app/wa-fleet.jar"]
