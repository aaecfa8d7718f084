package io.wafleet.server;

import io.wafleet.server.config.SessionsLocation;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
    void aMalformedImportMapStopsTheStartNamingTheVariable() throws Exception {
        Process process = launch(Map.of("SESSIONS_PATH", temp.resolve("s").toString(), "ADMIN_TOKEN", "0123456789abcdef0123",
                "WA_IMPORT_MAP", "account_prod_ab12=WA-31"));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(WaFleetApplication.EXIT_CONFIGURATION);
        assertThat(read("stderr")).contains("wa-fleet cannot start: WA_IMPORT_MAP: maps account_prod_ab12 to 'WA-31'");
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
    void demoLinksThroughTheApiSurvivesSigtermAndARestartWithoutQr() throws Exception {
        Path sessions = temp.resolve("sessions");
        Process first = startDemo(sessions);
        try {
            String out = read("stdout");
            assertThat(out).contains("30 slots (WA-01..WA-30)", "DEMO MODE");
            Http http = new Http(port, demoToken(out));
            assertThat(http.send(http.request("/health")).statusCode()).isEqualTo(200);
            assertThat(http.post("/api/accounts/WA-01/link").statusCode()).isEqualTo(202);
            Http.await("a QR", () -> http.get("/api/accounts/WA-01/qr").statusCode() == 200, 30);
            assertThat(http.post("/api/demo/accounts/WA-01/scan").statusCode()).isEqualTo(200);
            Http.await("WA-01 connected", () -> http.get("/api/accounts/WA-01").body().contains("\"status\":\"CONNECTED\""), 30);

            first.destroy(); // SIGTERM
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isZero();
            assertThat(read("stdout")).contains("fleet stopped");
            assertThat(read("stdout").split("demo admin token", -1)).as("the token is shown once").hasSize(2);
        } finally {
            first.destroyForcibly();
        }

        Process second = startDemo(sessions);
        try {
            Http http = new Http(port, demoToken(read("stdout")));
            assertThat(read("stdout")).contains("restoring 1");
            Http.await("WA-01 connected again", () -> http.get("/api/accounts/WA-01").body().contains("\"status\":\"CONNECTED\""), 30);
            assertThat(http.get("/api/accounts/WA-01").body()).as("restored, not relinked").doesNotContain("\"to\":\"QR_REQUIRED\"");
            second.destroy();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isZero();
            SessionsVolume.open(new SessionsLocation(sessions, "SESSIONS_PATH"), Clock.systemUTC()).close();
        } finally {
            second.destroyForcibly();
        }
    }

    private int port;

    private Process startDemo(Path sessions) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = launch(Map.of("SESSIONS_PATH", sessions.toString(), "WA_DEMO", "true", "PORT", Integer.toString(port)));
        Http.await("the start line", () -> read("stdout").contains("wa-fleet started") || !process.isAlive(), 60);
        assertThat(process.isAlive()).as(read("stderr")).isTrue();
        return process;
    }

    private static String demoToken(String out) {
        Matcher token = Pattern.compile("demo admin token (\\S+) \\(generated, shown once\\)").matcher(out);
        assertThat(token.find()).as("the start line shows the generated token").isTrue();
        String last = token.group(1);
        while (token.find()) {
            last = token.group(1);
        }
        return last;
    }
}
