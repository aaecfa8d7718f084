package io.wafleet.protocol.client;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.client.messaging.InboundText;
import io.wafleet.protocol.client.messaging.MessageIds;
import io.wafleet.protocol.client.messaging.Messenger;
import io.wafleet.protocol.client.messaging.SentMessage;
import io.wafleet.protocol.concurrent.SerialExecutor;
import io.wafleet.protocol.store.AuthStore;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Holds one account connected for as long as WhatsApp lets it: connects, pairs or logs in, keeps alive, and
 * follows WhatsApp's restart requests (515, which also ends every pairing) by reconnecting at once with the
 * stored credentials. Every other end is reported as a {@link ClientEvent.Closed} and ends this client; what to
 * do next (backoff, alert, a new QR) is the owner's decision.
 *
 * <p>Once logged in it sends and receives 1:1 text ({@link #sendText}, {@link ClientEvent.MessageReceived}); the
 * delivery receipt of a received message goes out only after the listener returned from its event.
 *
 * <pre>{@code
 * WaClient client = WaClient.start(store, options, event -> System.out.println(event));
 * client.sendText("15550000002@s.whatsapp.net", "hello", client.messageIds().next()).join();
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
    private final Messenger messenger;
    private Connection current;
    private int restartsWithoutLogin;
    private boolean closing;

    private WaClient(AuthStore store, ClientOptions options, ClientRuntime runtime, ClientListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.messenger = new Messenger(store, options.clock(), options.sentTexts(), this::deliver);
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

    /**
     * Sends {@code text} to {@code to} (a user JID: phone number or LID) under {@code messageId}. The caller fixes
     * the id (see {@link #messageIds()}) so that a resend after a crash carries the same one. Completes when the
     * server acknowledged the message; fails at once when not logged in, later on timeout or close.
     */
    public CompletableFuture<SentMessage> sendText(String to, String text, String messageId) {
        return messenger.sendText(to, text, messageId);
    }

    /** WhatsApp-style ids ({@code 3EB0…}) for this account; needs a paired account. */
    public MessageIds messageIds() {
        return messenger.messageIds();
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
        current = new Connection(store, options, runtime, this::onEvent, events, messenger);
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
            messenger.close();
            listener.onEvent(closed);
            terminated.complete(closed);
            return;
        }
        listener.onEvent(event);
    }

    /** Hands a received text to the listener in event order; completes when the listener returned. */
    private CompletionStage<Void> deliver(InboundText message) {
        CompletableFuture<Void> handled = new CompletableFuture<>();
        events.execute(() -> {
            try {
                listener.onEvent(new ClientEvent.MessageReceived(message));
                handled.complete(null);
            } catch (RuntimeException e) {
                handled.completeExceptionally(e);
                throw e;
            }
        });
        return handled;
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
