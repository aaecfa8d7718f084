package io.wafleet.server;

import io.wafleet.server.config.SessionsLocation;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher as the platform runs it: a real JVM, real environment variables, real signals and exit codes. */
class ProcessTest {

    @TempDir
    Path temp;

    private Process launch(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                WaFleetApplication.class.getName());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectOutput(temp.resolve("stdout").toFile());
        builder.redirectError(temp.resolve("stderr").toFile());
        return builder.start();
    }

    private String read(String stream) {
        try {
            return Files.exists(temp.resolve(stream)) ? Files.readString(temp.resolve(stream)) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aMissingTokenStopsTheStartNamingTheVariable() throws Exception {
        Process process = launch(Map.of("SESSIONS_PATH", temp.resolve("s").toString()));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(WaFleetApplication.EXIT_CONFIGURATION);
        assertThat(read("stderr")).contains("wa-fleet cannot start: ADMIN_TOKEN: required");
    }

    @Test
    void anUnwritableSessionsPathExitsNonZeroWithVariablePathAndFix() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        Path sessions = file.resolve("sessions");
        Process process = launch(Map.of("SESSIONS_PATH", sessions.toString(), "ADMIN_TOKEN", "0123456789abcdef0123"));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(WaFleetApplication.EXIT_STORAGE);
        assertThat(read("stderr")).contains("SESSIONS_PATH", sessions.toString(), "Fix: ");
    }

    @Test
    void demoStartShowsItsTokenOnceAndSigtermExitsZeroReleasingTheLock() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path sessions = temp.resolve("sessions");
        Process process = launch(Map.of("SESSIONS_PATH", sessions.toString(), "WA_DEMO", "true", "PORT", Integer.toString(port)));
        try {
            Http.await("the start line", () -> read("stdout").contains("wa-fleet started") || !process.isAlive(), 60);
            String out = read("stdout");
            assertThat(out).contains("30 slots (WA-01..WA-30)", "client NOT WIRED", "DEMO MODE");
            Matcher token = Pattern.compile("demo admin token (\\S+) \\(generated, shown once\\)").matcher(out);
            assertThat(token.find()).isTrue();

            Http http = new Http(port);
            HttpResponse<String> accounts = http.send(http.request("/api/accounts").header("Authorization", "Bearer " + token.group(1)));
            assertThat(accounts.statusCode()).isEqualTo(200);
            assertThat(http.send(http.request("/health")).statusCode()).isEqualTo(200);
            HttpResponse<String> link = http.send(http.request("/api/accounts/WA-01/link")
                    .header("Authorization", "Bearer " + token.group(1)).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertThat(link.statusCode()).as("no client wired: said plainly").isEqualTo(503);

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(read("stdout")).contains("fleet stopped");
            assertThat(read("stdout").split("demo admin token", -1)).as("the token is shown once").hasSize(2);
            SessionsVolume.open(new SessionsLocation(sessions, "SESSIONS_PATH"), Clock.systemUTC()).close();
        } finally {
            process.destroyForcibly();
        }
    }
}
