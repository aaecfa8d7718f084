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
# The JVM flags, in one place: the AOT training run below and the ENTRYPOINT both read this file.
RUN printf '%s\n' -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError > /app/jvm.options
# JDK AOT cache (JEP 483/514/515): classes loaded and linked, lambdas resolved and method profiles recorded
# during one training run, so the service's start does not repeat that work. The training run starts the Spring
# context on a throwaway sessions path and exits once it is refreshed (before the web server and the fleet
# start). It runs here, in the runtime image, because a cache is only accepted by the same JVM build and
# runtime image, at the same class path (absolute: /app/wa-fleet.jar), with compatible flags (not ZGC, the same
# compressed-oops mode); a mismatch costs only the speed-up (the JVM warns and starts without the cache).
RUN mkdir /tmp/aot-training \
 && SESSIONS_PATH=/tmp/aot-training ADMIN_TOKEN=aot-training-run-only-not-a-secret \
    java @/app/jvm.options -XX:AOTCacheOutput=/app/wa-fleet.aot -Dspring.context.exit=onRefresh -jar /app/wa-fleet.jar \
 && rm -rf /tmp/aot-training \
 && test -s /app/wa-fleet.aot
# Runs as root on purpose: Railway mounts volumes owned by root, and a non-root user could not write the
# sessions there (the start would stop at the storage check). The process writes nothing outside the volume.
EXPOSE 8080
# Exec form: java is PID 1 and receives SIGTERM itself (closes every socket, exits 0).
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:AOTCache=/app/wa-fleet.aot", "-jar", "/app/wa-fleet.jar"]
