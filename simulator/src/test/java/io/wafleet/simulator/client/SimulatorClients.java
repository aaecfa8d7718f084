package io.wafleet.simulator.client;

import io.wafleet.protocol.client.ClientOptions;
import io.wafleet.protocol.client.WaClient;
import io.wafleet.protocol.noise.TrustedRoot;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.protocol.client.ClientListener;
import io.wafleet.simulator.WaSimulator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One test's embedded simulator, its sessions folder, and the stores and clients it opened, closed together in
 * reverse order after each test, so a failing test never leaves a client reconnecting into the next one.
 * Register it as a field: {@code @RegisterExtension final SimulatorClients clients = new SimulatorClients();}.
 */
final class SimulatorClients implements BeforeEachCallback, AfterEachCallback {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private WaSimulator simulator;
    private Path sessions;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        sessions = Files.createTempDirectory("wa-client-test");
        simulator = WaSimulator.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (AutoCloseable closeable : opened.reversed()) {
                closeable.close();
            }
            opened.clear();
            simulator.close();
        } finally {
            deleteRecursively(sessions);
        }
    }

    /** The folder this test's stores live in (removed after the test). */
    Path sessions() {
        return sessions;
    }

    WaSimulator simulator() {
        return simulator;
    }

    /** Client options that reach this simulator and trust its root key (explicitly, as production never does). */
    ClientOptions options() {
        return ClientOptions.defaults().withServer(simulator.url(), TrustedRoot.explicit(simulator.rootPublicKey()));
    }

    /** A new store under the test's sessions folder, holding fresh (unpaired) credentials. */
    AuthStore freshStore(String name) {
        AuthStore store = track(FileAuthStore.open(sessions.resolve(name)));
        store.apply(StateChange.of(Credentials.generate()));
        return store;
    }

    WaClient start(AuthStore store, ClientOptions options, ClientListener events) {
        return track(WaClient.start(store, options, events));
    }

    <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
