package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.StoredInboxMessage;
import io.wafleet.protocol.signal.MessagePadding;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignalException;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Handles one inbound 1:1 {@code <message>} in the order that makes a crash harmless:
 * <ol>
 *   <li>decrypt; the new ratchet state, the consumed one-time pre-key, the peer's identity and the plaintext
 *       (an {@link Inbox} record) are committed in ONE store change;</li>
 *   <li>hand the text to the owner's {@link MessageSink} and wait until it is done with it;</li>
 *   <li>mark the record handled, then send the delivery receipt (which is also the message's acknowledgement).</li>
 * </ol>
 * A crash before 1 loses nothing (the server redelivers, the state never moved); between 1 and 3 the server
 * redelivers and the inbox record answers instead of the ratchet, whose key for that message is spent: the text
 * is handed over again only if the owner never finished with it. Messages we cannot decrypt get a retry receipt,
 * at most {@link #MAX_RETRIES} times per message, never silence.
 *
 * <p>Runs on the account's inbound queue, one message at a time, in arrival order.
 */
final class MessageReceiver {
    static final int MAX_RETRIES = 5;
    private static final int TRACKED_RETRIES = 1024;
    private static final System.Logger LOG = System.getLogger(MessageReceiver.class.getName());

    private final AuthStore store;
    private final SignalSessions sessions;
    private final LidMappings lids;
    private final Inbox inbox;
    private final MessageSink sink;
    private final Runnable preKeyConsumed;
    private final Map<String, Integer> retriesAsked = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > TRACKED_RETRIES;
        }
    };

    MessageReceiver(AuthStore store, SignalSessions sessions, LidMappings lids, Inbox inbox, MessageSink sink,
                    Runnable preKeyConsumed) {
        this.store = store;
        this.sessions = sessions;
        this.lids = lids;
        this.inbox = inbox;
        this.sink = sink;
        this.preKeyConsumed = preKeyConsumed;
    }

    void receive(ServerLink link, Node node) {
        InboundStanza stanza;
        try {
            stanza = InboundStanza.parse(node);
        } catch (MessagingException e) {
            LOG.log(System.Logger.Level.WARNING, "unusable message stanza acknowledged and dropped: {0}", e.getMessage());
            link.send(MessageStanzas.ack(node));
            return;
        }
        Account account = Account.of(store);
        stanza.senderAlt().ifPresent(alt -> learnMapping(stanza.from(), alt));
        boolean fromOwnAccount = account.isOwnUser(stanza.from());
        String key = Inbox.key(lids.canonicalUser(stanza.from()), stanza.id());

        Optional<StoredInboxMessage> known = inbox.find(key);
        if (known.isPresent()) {
            // A redelivery after a crash or a lost receipt: the ratchet has moved on, the inbox remembers.
            finish(link, stanza, key, known.get(), fromOwnAccount);
            return;
        }
        if (stanza.encrypted().isEmpty()) {
            link.send(MessageStanzas.deliveryReceipt(stanza, fromOwnAccount));
            return;
        }
        Optional<StoredInboxMessage> decrypted = decrypt(link, stanza, key);
        decrypted.ifPresent(record -> finish(link, stanza, key, record, fromOwnAccount));
    }

    /** Step 1: decrypt and commit state plus plaintext together; empty when a retry receipt was sent instead. */
    private Optional<StoredInboxMessage> decrypt(ServerLink link, InboundStanza stanza, String key) {
        SignalAddress address = lids.addressOf(stanza.from());
        try {
            SignalSessions.Outcome<StoredInboxMessage> outcome = sessions.transact(cipher -> {
                byte[] plaintext = MessagePadding.unpad(cipher.decrypt(address, stanza.encrypted().getFirst()));
                return record(stanza, MessagePayloads.read(plaintext));
            }, (record, change) -> inbox.addTo(change, key, record));
            if (outcome.consumedPreKey()) {
                preKeyConsumed.run();
            }
            return Optional.of(outcome.value());
        } catch (SignalException e) {
            if (e.reason() == SignalException.Reason.DUPLICATE) {
                // Its key was used before this store kept an inbox: processed already, nothing to hand over.
                // Logged, because a sender that reused a message key for a new message looks the same, and that
                // message is lost here (Baileys rc14 does so when it sends while it decrypts, docs/messaging.md).
                LOG.log(System.Logger.Level.WARNING, "{0} from {1} uses a message key spent before: acknowledged as a duplicate",
                        stanza.id(), address);
                link.send(MessageStanzas.deliveryReceipt(stanza, Account.of(store).isOwnUser(stanza.from())));
                return Optional.empty();
            }
            LOG.log(System.Logger.Level.WARNING, "cannot decrypt {0} from {1} ({2}: {3}): asking for a retry",
                    stanza.id(), address, e.reason(), e.getMessage());
            askForRetry(link, stanza);
            return Optional.empty();
        } catch (MessagingException e) {
            // Decrypted but not a message we can read: nothing a retry would change.
            LOG.log(System.Logger.Level.WARNING, "message {0} from {1} is unreadable: {2}", stanza.id(), address, e.getMessage());
            link.send(MessageStanzas.deliveryReceipt(stanza, Account.of(store).isOwnUser(stanza.from())));
            return Optional.empty();
        }
    }

    /** Steps 2 and 3: hand over (unless handled before or not a text), mark handled, then the receipt. */
    private void finish(ServerLink link, InboundStanza stanza, String key, StoredInboxMessage record, boolean fromOwnAccount) {
        if (!record.getHandled() && record.hasText()) {
            InboundText text = new InboundText(record.getId(), record.getFrom(), Instant.ofEpochSecond(record.getTimestamp()),
                    record.getText(), optional(record.getPushName()), optional(record.getDestination()));
            try {
                sink.deliver(text).toCompletableFuture().join();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "handler failed on {0}; left unacknowledged for redelivery", stanza.id());
                return;
            }
        }
        if (!record.getHandled()) {
            inbox.markHandled(key, record);
        }
        synchronized (retriesAsked) {
            retriesAsked.remove(stanza.id());
        }
        link.send(MessageStanzas.deliveryReceipt(stanza, fromOwnAccount));
    }

    private void askForRetry(ServerLink link, InboundStanza stanza) {
        int count;
        synchronized (retriesAsked) {
            count = retriesAsked.merge(stanza.id(), 1, Integer::sum);
        }
        if (count > MAX_RETRIES) {
            // Stop the redeliveries without telling the sender it was delivered.
            LOG.log(System.Logger.Level.WARNING, "gave up on {0} after {1} retries", stanza.id(), MAX_RETRIES);
            link.send(MessageStanzas.ack(Node.of("message", "id", stanza.id(), "from", stanza.from().toString())));
            return;
        }
        Credentials credentials = store.state().credentials().orElseThrow();
        // From the second attempt on, our keys go along so the sender can start afresh without the server.
        Optional<Node> keys = count > 1 ? Optional.of(KeyNodes.retryKeys(credentials)) : Optional.empty();
        link.send(MessageStanzas.retryReceipt(stanza, count, credentials.registrationId(), keys));
    }

    private void learnMapping(Jid from, Jid alt) {
        if (from.isPnUser()) {
            lids.learn(from, alt);
        } else {
            lids.learn(alt, from);
        }
    }

    private static StoredInboxMessage record(InboundStanza stanza, MessagePayloads.Content content) {
        StoredInboxMessage.Builder record = StoredInboxMessage.newBuilder()
                .setId(stanza.id())
                .setFrom(stanza.from().toString())
                .setTimestamp(stanza.timestamp());
        content.text().ifPresent(record::setText);
        content.destination().ifPresent(record::setDestination);
        stanza.pushName().ifPresent(record::setPushName);
        return record.build();
    }

    private static Optional<String> optional(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
