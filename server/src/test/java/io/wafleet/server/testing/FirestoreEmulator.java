package io.wafleet.server.testing;

import com.google.cloud.firestore.Firestore;
import io.wafleet.server.firestore.FirestoreAccess;
import io.wafleet.server.firestore.FirestoreClients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real Google Firestore emulator ({@code gcloud emulators firestore start}) on a free port. gcloud starts a
 * Java child that outlives a killed gcloud, so the emulator runs in its own process group (setsid) and
 * {@link #stop()} ends the whole group; a shutdown hook does the same if the test JVM ends first.
 */
public final class FirestoreEmulator implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final int port;
    private final Path log;
    private Process process;
    private final Thread hook = new Thread(this::stop, "firestore-emulator-stop");

    private FirestoreEmulator(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    public static FirestoreEmulator start() {
        try {
            FirestoreEmulator emulator = new FirestoreEmulator(freePort(), Files.createTempFile("firestore-emulator", ".log"));
            Runtime.getRuntime().addShutdownHook(emulator.hook);
            emulator.launch();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** A client for a project of its own, so tests sharing one emulator never see each other's documents. */
    public Firestore client(String project) {
        return FirestoreClients.open(new FirestoreAccess.Emulator(hostPort(), project));
    }

    public static String freshProject() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Starts it again on the same port (after {@link #stop()}), empty: the emulator keeps nothing across starts. */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(List.of("setsid", "gcloud", "emulators", "firestore", "start",
                    "--host-port=" + hostPort(), "--quiet"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run gcloud (is the Google Cloud SDK with the Firestore emulator installed?)", e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (answersOk()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the Firestore emulator exited with " + process.exitValue() + "; see " + log);
            }
            sleep(200);
        }
        stop();
        throw new IllegalStateException("the Firestore emulator did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /**
     * Freezes the whole emulator (SIGSTOP to its group): connections stay open but nothing answers, as in a network
     * partition, and its data survives for {@link #resume()}.
     */
    public synchronized void pause() {
        signal("-STOP", process.pid());
    }

    public synchronized void resume() {
        signal("-CONT", process.pid());
    }

    /** Ends the emulator's whole process group (gcloud and its Java child). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        long group = process.pid(); // setsid made gcloud the leader of a new group with its own pid
        signal("-CONT", group); // a paused emulator cannot act on TERM
        signal("-TERM", group);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                signal("-KILL", group);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The Java child may linger after gcloud exits; the group signal reached it, make sure it is gone.
        signal("-KILL", group);
        process = null;
        Instant deadline = Instant.now().plusSeconds(10);
        while (answersOk() && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    private boolean answersOk() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + hostPort() + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().strip().equals("Ok");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void signal(String signal, long group) {
        try {
            new ProcessBuilder("kill", signal, "--", "-" + group).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
