package io.wafleet.server.connector;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.client.ClientConfig;
import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.ClientOptions;
import io.wafleet.protocol.client.ClientRuntime;
import io.wafleet.protocol.client.WaClient;
import io.wafleet.protocol.client.WebVersion;
import io.wafleet.protocol.client.WebVersionSource;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.Me;
import io.wafleet.protocol.store.SessionsDirectory;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.protocol.store.StoreLockedException;
import io.wafleet.server.messaging.MessageTransport;
import io.wafleet.server.messaging.MessagingPort;
import io.wafleet.server.registry.AccountId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The supervisors' port over wa-fleet's own WhatsApp client: one {@link FileAuthStore} and one {@link WaClient}
 * per attempt, all on one shared {@link ClientRuntime} (no thread per account).
 *
 * <p>The store is closed before the {@link ClientEvent.Closed} that ends an attempt is passed on, so a supervisor
 * that archives dead credentials on {@code LOGGED_OUT} moves a directory nobody writes to.
 */
public final class WaClientConnector implements AccountConnector {

    private static final Logger log = LoggerFactory.getLogger(WaClientConnector.class);
    /** How long a clean close may take before the store is released anyway. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final AtomicReference<ClientOptions> options;
    private final ClientRuntime runtime;
    private final WebVersionSource versions;
    private final StoreDecorator decorator;
    private final MessagingPort messaging;

    /**
     * @param decorator wraps each account's store (the Firestore backup, when configured), so every state change
     *                  the client makes passes through it before it reaches the wire
     * @param messaging receives inbound messages and receipts, sends the outbox over live connections, and answers
     *                  the client's look-ups of sent texts (retry receipts)
     */
    public WaClientConnector(ClientOptions options, ClientRuntime runtime, WebVersionSource versions,
                             StoreDecorator decorator, MessagingPort messaging) {
        this.options = new AtomicReference<>(options);
        this.runtime = runtime;
        this.versions = versions;
        this.decorator = decorator;
        this.messaging = messaging;
    }

    @Override
    public String description() {
        ClientOptions current = options.get();
        return "wa-fleet client -> " + current.serverUri() + " (WhatsApp Web " + current.payload().version() + ")";
    }

    @Override
    public SlotContents inspect(Path accountDirectory) {
        return switch (SessionsDirectory.classify(accountDirectory)) {
            case EMPTY -> SlotContents.EMPTY;
            case BAILEYS -> SlotContents.FOREIGN;
            case UNKNOWN -> SlotContents.UNKNOWN;
            case OURS -> paired(accountDirectory) ? SlotContents.CREDENTIALS : SlotContents.EMPTY;
        };
    }

    /** Our files, but linked? A store that never finished pairing holds keys and no account. */
    private static boolean paired(Path directory) {
        try (FileAuthStore store = FileAuthStore.open(directory)) {
            return store.state().credentials().filter(Credentials::isPaired).isPresent();
        } catch (StoreLockedException e) {
            return true; // open in a live session right now
        }
    }

    @Override
    public AccountSession open(AccountId account, Path accountDirectory, Consumer<ClientEvent> events) {
        FileAuthStore store = FileAuthStore.open(accountDirectory);
        try {
            if (store.state().credentials().isEmpty()) {
                // A slot linked for the first time: its keys are made once, before the QR shows them.
                store.apply(StateChange.of(Credentials.generate()));
            }
            AtomicReference<WaClient> started = new AtomicReference<>();
            // Events can in principle arrive before start() returns; a send before then fails and is retried.
            MessageTransport transport = (to, text, id) -> Optional.ofNullable(started.get())
                    .map(client -> (CompletableFuture<?>) client.sendText(to, text, id))
                    .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("client not started yet")));
            ClientOptions accountOptions = options.get().withSentTexts(messaging.sentTexts(account));
            WaClient client = WaClient.start(decorator.decorate(account, store), accountOptions, runtime, event -> {
                switch (event) {
                    // Durable on our side before this returns: only then does the client send the receipt.
                    case ClientEvent.MessageReceived received -> messaging.received(account, received.message());
                    case ClientEvent.ReceiptReceived receipt -> messaging.receipt(account, receipt.messageIds(), receipt.type());
                    case ClientEvent.Closed closed -> {
                        messaging.disconnected(account, transport);
                        store.close();
                    }
                    default -> { }
                }
                events.accept(event);
                if (event instanceof ClientEvent.Connected) {
                    messaging.connected(account, transport);
                }
            });
            started.set(client);
            return new ClientSession(account, client, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public boolean refreshClientVersion() {
        WebVersionSource.Resolved resolved = versions.resolve();
        ClientOptions current = options.get();
        WebVersion known = current.payload().version();
        if (!resolved.fresh()) {
            log.info("WhatsApp Web version not refreshed ({}); still {}", resolved.detail(), known);
            return false;
        }
        if (resolved.version().equals(known)) {
            log.info("WhatsApp Web version {} is current", known);
            return false;
        }
        ClientConfig payload = current.payload();
        options.set(current.withPayload(new ClientConfig(resolved.version(), payload.browser(),
                payload.syncFullHistory(), payload.countryCode(), payload.pushName())));
        log.info("WhatsApp Web version refreshed: {} -> {}", known, resolved.version());
        return true;
    }

    /** One attempt: the client and the store it writes. */
    private static final class ClientSession implements AccountSession {
        private final AccountId account;
        private final WaClient client;
        private final FileAuthStore store;

        ClientSession(AccountId account, WaClient client, FileAuthStore store) {
            this.account = account;
            this.client = client;
            this.store = store;
        }

        @Override
        public void close() {
            client.close();
            awaitEnd();
            store.close(); // already closed by the Closed event unless the client did not end in time
        }

        /** Tells WhatsApp to remove this companion device, as WhatsApp Web's "Log out" does, then closes. */
        @Override
        public void logout() {
            Optional<Me> me = store.state().credentials().flatMap(Credentials::me);
            if (me.isPresent() && !client.terminated().isDone()) {
                Node iq = Node.builder("iq").attr("to", Jid.SERVER.toString()).attr("type", "set").attr("xmlns", "md")
                        .child(Node.of("remove-companion-device", "jid", me.get().jid(), "reason", "user_initiated"))
                        .build();
                try {
                    client.query(iq).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    log.warn("{}: WhatsApp did not confirm the device removal ({}); closing anyway", account, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            close();
        }

        private void awaitEnd() {
            try {
                client.terminated().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("{}: the connection did not end within {} s; releasing its store", account, CLOSE_WAIT.toSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
