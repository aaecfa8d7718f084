package io.wafleet.simulator.client;

import io.wafleet.protocol.client.ClientOptions;
import io.wafleet.protocol.client.WaClient;
import io.wafleet.protocol.noise.TrustedRoot;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.simulator.WaSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.wafleet.protocol.client.ClientListener;

/**
 * One test's embedded simulator plus the stores and clients it opened, closed together in reverse order, so a
 * failing test never leaves a client reconnecting into the next one.
 */
final class SimulatorClients implements AutoCloseable {
    private final WaSimulator simulator = WaSimulator.start();
    private final Path sessions;
    private final List<AutoCloseable> opened = new ArrayList<>();

    SimulatorClients(Path sessions) {
        this.sessions = sessions;
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

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        simulator.close();
    }
}
