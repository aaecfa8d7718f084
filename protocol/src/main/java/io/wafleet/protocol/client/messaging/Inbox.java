package io.wafleet.protocol.client.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.proto.StoredInboxMessage;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Inbound messages we decrypted, under {@link KeyCategory#INBOX} keyed {@code <canonical sender>/<message id>}.
 * A record is written in the same change as the ratchet state that decrypted it, so after a crash a redelivered
 * message is recognised here instead of failing to decrypt (its message key is gone) or being handled twice.
 *
 * <p>Kept for {@link #RETENTION} after the owner handled them: the server redelivers only what we have not
 * acknowledged, which is a matter of seconds to days of downtime, not weeks.
 */
final class Inbox {
    static final Duration RETENTION = Duration.ofDays(14);

    private final AuthStore store;
    private final InstantSource clock;

    Inbox(AuthStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    static String key(String canonicalSender, String messageId) {
        return canonicalSender + "/" + messageId;
    }

    Optional<StoredInboxMessage> find(String key) {
        return store.read(KeyCategory.INBOX, key).map(Inbox::decode);
    }

    /** Adds the record to a change the caller commits (with the Signal state that produced it). */
    void addTo(StateChange.Builder change, String key, StoredInboxMessage message) {
        change.put(KeyCategory.INBOX, key, message.toBuilder().setStoredAtMillis(clock.millis()).build().toByteArray());
    }

    void markHandled(String key, StoredInboxMessage message) {
        store.apply(StateChange.builder()
                .put(KeyCategory.INBOX, key, message.toBuilder().setHandled(true).build().toByteArray())
                .build());
    }

    /** Drops handled records older than the retention; run at login, off the hot path (it lists the category). */
    void prune() {
        long cutoff = clock.millis() - RETENTION.toMillis();
        StateChange.Builder change = StateChange.builder();
        boolean any = false;
        for (String key : store.ids(KeyCategory.INBOX)) {
            Optional<StoredInboxMessage> message = find(key);
            if (message.isPresent() && message.get().getHandled() && message.get().getStoredAtMillis() < cutoff) {
                change.delete(KeyCategory.INBOX, key);
                any = true;
            }
        }
        if (any) {
            store.apply(change.build());
        }
    }

    private static StoredInboxMessage decode(byte[] bytes) {
        try {
            return StoredInboxMessage.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new MessagingException("stored inbox record is unreadable", e);
        }
    }
}
