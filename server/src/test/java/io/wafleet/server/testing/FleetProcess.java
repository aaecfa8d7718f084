package io.wafleet.server.testing;

import io.wafleet.server.WaFleetApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A wa-fleet server in its own JVM, as the platform runs it: real environment, real signals (SIGTERM, SIGKILL). */
public final class FleetProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private FleetProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static FleetProcess launch(Map<String, String> env, Path log) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Map<String, String> all = new HashMap<>(env);
            all.put("PORT", Integer.toString(port));
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    WaFleetApplication.class.getName());
            builder.environment().clear();
            builder.environment().putAll(all);
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            FleetProcess started = new FleetProcess(builder.start(), log, port);
            Http.await("the start line in " + log, () -> started.output().contains("wa-fleet started") || !started.process.isAlive(), 90);
            if (!started.process.isAlive()) {
                throw new IllegalStateException("wa-fleet exited at start: " + started.output());
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Http http(String token) {
        return new Http(port, token);
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no lease release, sockets dropped by the kernel. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, then the exit code. */
    public int terminate() {
        process.destroy();
        return waitFor();
    }

    private int waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
