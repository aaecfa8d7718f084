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
# Exec form: java is PID 1 and receives SIGTERM itself (closes every socket, exits 0).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/wa-fleet.jar"]
