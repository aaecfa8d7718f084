package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.concurrent.SerialExecutor;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.store.AuthStore;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One account's 1:1 text messaging over whatever connection is current: sending, receiving in crash-safe
 * order, pre-key upkeep, retry receipts both ways, and one Signal address per contact whether it is named by
 * phone number or LID. The client lifecycle ({@code WaClient}) feeds it stanzas and hands it the logged-in
 * connection; it owns no socket.
 *
 * <p>Threads: inbound stanzas are queued and handled one at a time on a virtual thread that lives only while
 * stanzas are queued (an idle account parks none), so the connection's reader never waits for a disk write or
 * the owner's handler; sends run their network steps asynchronously and meet inbound work only at the Signal lock.
 */
public final class Messenger implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Messenger.class.getName());
    private static final ExecutorService ASYNC = Executors.newVirtualThreadPerTaskExecutor();

    private final AuthStore store;
    private final InstantSource clock;
    private final SerialExecutor inbound = new SerialExecutor();
    private final PreKeyStock preKeys;
    private final LidMappings lids;
    private final Inbox inbox;
    private final MessageSender sender;
    private final MessageReceiver receiver;
    private final RetryResponder retries;
    private volatile ServerLink link;
    private volatile boolean closed;

    /** @param sentTexts the owner's record of sent texts, asked for retry receipts the in-memory cache cannot answer */
    public Messenger(AuthStore store, InstantSource clock, SentTextLookup sentTexts, MessageSink sink) {
        this(store, clock, KeyPairSource.random(), sentTexts, sink);
    }

    public Messenger(AuthStore store, InstantSource clock, KeyPairSource keys, SentTextLookup sentTexts, MessageSink sink) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sentTexts, "sentTexts");
        Objects.requireNonNull(sink, "sink");
        SignalSessions sessions = new SignalSessions(new AuthStoreSignalStore(store), keys, clock);
        SentMessages sent = new SentMessages();
        this.preKeys = new PreKeyStock(store, keys);
        this.lids = new LidMappings(store, sessions);
        this.inbox = new Inbox(store, clock);
        this.sender = new MessageSender(store, sessions, lids, new DeviceLists(lids, clock), sent, ASYNC);
        this.receiver = new MessageReceiver(store, sessions, lids, inbox, sink, this::replenishPreKeys);
        this.retries = new RetryResponder(store, sessions, lids, sent, sentTexts, ASYNC);
    }

    /**
     * The connection logged in: learn our own LID, tidy the inbox, then make sure the server holds enough of our
     * pre-keys. Runs on the inbound queue, before any message that arrives on this connection.
     */
    public void loggedIn(ServerLink connection) {
        this.link = Objects.requireNonNull(connection, "connection");
        enqueue(() -> {
            Account account = Account.of(store);
            account.lidUser().ifPresent(lid -> lids.learn(account.user(), lid));
            inbox.prune();
            replenishPreKeys();
        });
    }

    /** The connection ended: sends fail fast until the next login. */
    public void disconnected(ServerLink connection) {
        if (link == connection) {
            link = null;
        }
    }

    /** An inbound {@code <message>}: decrypted, stored, handed over and receipted on the inbound queue. */
    public void onMessage(ServerLink connection, Node message) {
        enqueue(() -> receiver.receive(connection, message));
    }

    /** An inbound {@code <receipt>}; retry receipts are answered, the rest need nothing beyond the ack. */
    public void onReceipt(ServerLink connection, Node receipt) {
        if (receipt.attr("type").filter("retry"::equals).isPresent()) {
            enqueue(() -> retries.answer(connection, receipt).exceptionally(error -> {
                LOG.log(System.Logger.Level.WARNING, "could not answer a retry receipt: {0}", error.getMessage());
                return null;
            }));
        }
    }

    /**
     * Sends {@code text} to {@code to} (a user JID, phone number or LID) under {@code messageId}, which the caller
     * chooses (see {@link #messageIds()}) so that a resend after a crash carries the same id. Completes when the
     * server acknowledged the message; fails when not logged in, on the query deadline, on close, or when no
     * device of the recipient can be reached.
     */
    public CompletableFuture<SentMessage> sendText(String to, String text, String messageId) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(messageId, "messageId");
        ServerLink current = link;
        if (current == null) {
            return CompletableFuture.failedFuture(new MessagingException("not logged in"));
        }
        Jid recipient = Jid.parse(to).orElse(null);
        if (recipient == null) {
            return CompletableFuture.failedFuture(new MessagingException("not a JID: " + to));
        }
        try {
            return sender.sendText(current, recipient, text, messageId);
        } catch (MessagingException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A generator of WhatsApp-style ids for this account. */
    public MessageIds messageIds() {
        return new MessageIds(Account.of(store).user().user(), clock);
    }

    /**
     * Stops the inbound queue: the stanza in hand is finished, queued ones are dropped unacknowledged and come
     * again after the next login. No interrupt: it would close the store's file channel under a running commit.
     */
    @Override
    public void close() {
        closed = true;
        link = null;
    }

    private void replenishPreKeys() {
        ServerLink current = link;
        if (current != null) {
            preKeys.replenish(current, ASYNC).exceptionally(error -> {
                LOG.log(System.Logger.Level.WARNING, "pre-key upkeep failed: {0}", error.getMessage());
                return null;
            });
        }
    }

    private void enqueue(Runnable task) {
        inbound.execute(() -> {
            if (closed) {
                LOG.log(System.Logger.Level.DEBUG, "messenger closed; stanza left for redelivery");
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "inbound messaging task failed", e);
            }
        });
    }
}
