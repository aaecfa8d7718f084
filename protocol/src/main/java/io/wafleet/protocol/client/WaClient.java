package io.wafleet.protocol.client;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.store.AuthStore;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Holds one account connected for as long as WhatsApp lets it: connects, pairs or logs in, keeps alive, and
 * follows WhatsApp's restart requests (515, which also ends every pairing) by reconnecting at once with the
 * stored credentials. Every other end is reported as a {@link ClientEvent.Closed} and ends this client; what to
 * do next (backoff, alert, a new QR) is the owner's decision.
 *
 * <pre>{@code
 * WaClient client = WaClient.start(store, options, event -> System.out.println(event));
 * ClientEvent.Closed end = client.terminated().join();
 * }</pre>
 */
public final class WaClient implements AutoCloseable {
    /** Consecutive restarts without a login in between before the owner is asked to take over. */
    static final int MAX_RESTARTS = 3;

    private final AuthStore store;
    private final ClientOptions options;
    private final ClientRuntime runtime;
    private final ClientListener listener;
    private final SerialExecutor events = new SerialExecutor();
    private final CompletableFuture<ClientEvent.Closed> terminated = new CompletableFuture<>();
    private Connection current;
    private int restartsWithoutLogin;
    private boolean closing;

    private WaClient(AuthStore store, ClientOptions options, ClientRuntime runtime, ClientListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Starts connecting on the shared runtime; returns at once. */
    public static WaClient start(AuthStore store, ClientOptions options, ClientListener listener) {
        return start(store, options, ClientRuntime.shared(), listener);
    }

    public static WaClient start(AuthStore store, ClientOptions options, ClientRuntime runtime, ClientListener listener) {
        WaClient client = new WaClient(store, options, runtime, listener);
        client.connect();
        return client;
    }

    /** Completes with the event that ended this client (never with a restart, which it handles itself). */
    public CompletableFuture<ClientEvent.Closed> terminated() {
        return terminated;
    }

    /** Sends an iq and completes with the server's reply; fails on the query deadline or when the connection ends. */
    public CompletableFuture<Node> query(Node iq) {
        Connection connection;
        synchronized (this) {
            connection = current;
        }
        return connection.query(iq);
    }

    /** Closes the socket; {@link #terminated()} then completes with a local close. Idempotent. */
    @Override
    public void close() {
        Connection connection;
        synchronized (this) {
            closing = true;
            connection = current;
        }
        connection.close();
    }

    private synchronized void connect() {
        current = new Connection(store, options, runtime, this::onEvent, events);
        current.start();
    }

    /** Runs on the serial event executor, so decisions here see events in order. */
    private void onEvent(ClientEvent event) {
        if (event instanceof ClientEvent.Connected) {
            synchronized (this) {
                restartsWithoutLogin = 0;
            }
        }
        if (event instanceof ClientEvent.Closed closed) {
            if (followRestart(closed)) {
                connect();
                return;
            }
            listener.onEvent(closed);
            terminated.complete(closed);
            return;
        }
        listener.onEvent(event);
    }

    private synchronized boolean followRestart(ClientEvent.Closed closed) {
        if (closed.reason().category() != DisconnectReason.Category.RESTART_REQUIRED || closing
                || restartsWithoutLogin >= MAX_RESTARTS) {
            return false;
        }
        restartsWithoutLogin++;
        return true;
    }
}
