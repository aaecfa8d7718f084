package io.wafleet.bench;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.ClientOptions;
import io.wafleet.protocol.client.WaClient;
import io.wafleet.protocol.noise.TrustedRoot;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.simulator.WaSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time from {@link WaClient#start} to {@link ClientEvent.Connected} for an already paired account against the
 * embedded simulator: socket, Noise handshake with certificate checks, login payload, {@code <success>}.
 *
 * <p>Run: {@code java -cp bench/target/wa-fleet-bench.jar io.wafleet.bench.ConnectLatency [runs]} (default 50).
 * The first 10 logins warm the JIT and are not counted.
 */
public final class ConnectLatency {
    private static final int WARMUP = 10;

    private ConnectLatency() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path directory = Files.createTempDirectory("wa-fleet-connect-latency");
        try (WaSimulator simulator = WaSimulator.start(); FileAuthStore store = FileAuthStore.open(directory.resolve("WA-01"))) {
            ClientOptions options = ClientOptions.defaults()
                    .withServer(simulator.url(), TrustedRoot.explicit(simulator.rootPublicKey()));
            store.apply(StateChange.of(Credentials.generate()));
            pair(simulator, store, options);

            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < WARMUP + runs; i++) {
                CompletableFuture<Long> connected = new CompletableFuture<>();
                long start = System.nanoTime();
                WaClient client = WaClient.start(store, options, event -> {
                    if (event instanceof ClientEvent.Connected) {
                        connected.complete(System.nanoTime() - start);
                    } else if (event instanceof ClientEvent.Closed closed && !connected.isDone()) {
                        connected.completeExceptionally(new IllegalStateException("closed: " + closed));
                    }
                });
                long nanos = connected.get(30, TimeUnit.SECONDS);
                client.close();
                client.terminated().get(10, TimeUnit.SECONDS);
                if (i >= WARMUP) {
                    micros.add(nanos / 1_000);
                }
            }
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("connect -> connected over %d logins (after %d warm-up): median %.2f ms, p90 %.2f ms, min %.2f ms, max %.2f ms%n",
                    runs, WARMUP, percentile(sorted, 50) / 1000.0, percentile(sorted, 90) / 1000.0,
                    sorted[0] / 1000.0, sorted[sorted.length - 1] / 1000.0);
        }
    }

    private static void pair(WaSimulator simulator, FileAuthStore store, ClientOptions options) throws Exception {
        CompletableFuture<String> qr = new CompletableFuture<>();
        CompletableFuture<Void> connected = new CompletableFuture<>();
        WaClient client = WaClient.start(store, options, event -> {
            if (event instanceof ClientEvent.QrCode code) {
                qr.complete(code.code());
            } else if (event instanceof ClientEvent.Connected) {
                connected.complete(null);
            }
        });
        simulator.newPhone("+15550009999").scan(qr.get(30, TimeUnit.SECONDS));
        connected.get(30, TimeUnit.SECONDS);
        client.close();
        client.terminated().get(10, TimeUnit.SECONDS);
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

}
