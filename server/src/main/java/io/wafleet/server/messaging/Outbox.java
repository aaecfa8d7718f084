package io.wafleet.server.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Supplier;

/**
 * The durable outbox of one account. A message is journalled (fsynced) before {@link #accept} returns, so an
 * accepted message survives a kill -9; its id is fixed there. Queued messages leave in acceptance order, one at
 * a time: {@link #head()} is the next to send, and it stays the head until it is marked sent or failed.
 *
 * <p>Bounded: at most {@code capacity} queued messages (a further {@link #accept} is refused), and what
 * {@link Retention} allows of the finished ones: their statuses (older ones are forgotten, with their idempotency
 * keys), and the texts of sent ones, kept for a while so a recipient device that could not decrypt a message can
 * be sent it again ({@link #sentText}). The journal is compacted to the live messages when it has grown well past
 * them; a compaction also drops the texts no longer kept.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final int MAX_REASON = 200;

    /** Told about every status change after acceptance (sent, delivered, read, failed), once it is durable. */
    public interface StatusListener {
        void onStatus(OutboundMessage message);
    }

    /**
     * What an outbox keeps of finished messages.
     *
     * @param statuses      finished messages whose status stays queryable (the oldest beyond are forgotten)
     * @param sentTextsFor  how long after it was sent a message keeps its text, to answer retry receipts
     * @param sentTextChars the most characters of such texts kept at once (the oldest texts are dropped first)
     */
    public record Retention(int statuses, Duration sentTextsFor, int sentTextChars) {
        public Retention {
            Objects.requireNonNull(sentTextsFor, "sentTextsFor");
            if (statuses < 1 || sentTextChars < 0 || sentTextsFor.isNegative()) {
                throw new IllegalArgumentException("invalid retention " + statuses + ", " + sentTextsFor + ", " + sentTextChars);
            }
        }
    }

    /** The answer to an accept: the message, and whether it is an earlier one found by its idempotency key. */
    public record Acceptance(OutboundMessage message, boolean duplicate) {
    }

    private final String account;
    private final FrameJournal journal;
    private final Clock clock;
    private final Supplier<String> ids;
    private final int capacity;
    private final Retention retention;
    private final StatusListener listener;

    private final Map<String, OutboundMessage> byId = new LinkedHashMap<>();
    private final Map<String, String> byKey = new HashMap<>();
    private final Deque<String> queued = new ArrayDeque<>();
    private final Deque<String> finished = new ArrayDeque<>();
    /** Sent messages that still hold their text, in the order they were sent, with the instant each was. */
    private final SequencedMap<String, Instant> textKeptSince = new LinkedHashMap<>();
    private long keptTextChars;
    private int journalRecords;

    private Outbox(String account, FrameJournal journal, Clock clock, Supplier<String> ids, int capacity, Retention retention,
                   StatusListener listener) {
        this.account = account;
        this.journal = journal;
        this.clock = clock;
        this.ids = ids;
        this.capacity = capacity;
        this.retention = retention;
        this.listener = listener;
    }

    /** Opens (creating if new) the outbox journalled in {@code file}, replaying what it holds. */
    public static Outbox open(String account, Path file, Clock clock, Supplier<String> ids, int capacity, Retention retention,
                              StatusListener listener) {
        FrameJournal.Opened opened = FrameJournal.open(file);
        Outbox outbox = new Outbox(account, opened.journal(), clock, ids, capacity, retention, listener);
        if (opened.truncatedBytes() > 0) {
            log.warn("{}: outbox journal ended in a torn record ({} bytes cut); every whole record kept",
                    account, opened.truncatedBytes());
        }
        for (byte[] record : opened.records()) {
            outbox.replay(OutboxRecords.read(record));
        }
        outbox.journalRecords = opened.records().size();
        if (!outbox.queued.isEmpty()) {
            log.info("{}: {} queued messages restored from the outbox", account, outbox.queued.size());
        }
        return outbox;
    }

    private void replay(OutboxRecords.Entry entry) {
        switch (entry) {
            case OutboxRecords.Accepted accepted -> {
                OutboundMessage message = accepted.message();
                byId.put(message.id(), message);
                message.idempotencyKey().ifPresent(key -> byKey.put(key, message.id()));
                queued.addLast(message.id());
            }
            case OutboxRecords.StatusChanged change -> {
                OutboundMessage message = byId.get(change.id());
                if (message != null && message.status().advancesTo(change.status())) {
                    apply(message.withStatus(change.status(), change.reason(), change.at()));
                }
            }
        }
    }

    /**
     * Accepts a text for {@code toJid}. With an idempotency key already known, returns the earlier message and
     * accepts nothing. Durable when it returns.
     *
     * @throws OutboxFullException when {@code capacity} messages are already queued
     */
    public synchronized Acceptance accept(String toJid, String text, Optional<String> idempotencyKey) {
        Optional<OutboundMessage> earlier = idempotencyKey.map(byKey::get).map(byId::get);
        if (earlier.isPresent()) {
            return new Acceptance(earlier.get(), true);
        }
        if (queued.size() >= capacity) {
            throw new OutboxFullException(account + " has " + queued.size() + " messages waiting to be sent, its limit; retry later");
        }
        var now = clock.instant();
        OutboundMessage message = new OutboundMessage(ids.get(), toJid, text, idempotencyKey, now,
                MessageStatus.QUEUED, Optional.empty(), now);
        append(OutboxRecords.accepted(message));
        byId.put(message.id(), message);
        idempotencyKey.ifPresent(key -> byKey.put(key, message.id()));
        queued.addLast(message.id());
        return new Acceptance(message, false);
    }

    public synchronized Optional<OutboundMessage> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * A message WhatsApp's server took (sent, delivered or read), with its text, while its text is kept (see
     * {@link Retention}); empty for any other id, a queued or failed message, or one sent too long ago.
     */
    public synchronized Optional<OutboundMessage> sentText(String id) {
        Instant sentAt = textKeptSince.get(id);
        if (sentAt == null || sentAt.isBefore(clock.instant().minus(retention.sentTextsFor()))) {
            return Optional.empty();
        }
        return Optional.ofNullable(byId.get(id));
    }

    /** The next message to send: the oldest still queued. */
    public synchronized Optional<OutboundMessage> head() {
        return Optional.ofNullable(queued.peekFirst()).map(byId::get);
    }

    public synchronized int queuedCount() {
        return queued.size();
    }

    public void markSent(String id) {
        update(id, MessageStatus.SENT, Optional.empty());
    }

    public void markFailed(String id, String reason) {
        String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        update(id, MessageStatus.FAILED, Optional.of(shortReason));
    }

    /** A receipt from the recipient: only moves a known message forward (late or repeated receipts are no-ops). */
    public void markReceipt(String id, MessageStatus status) {
        update(id, status, Optional.empty());
    }

    /** The listener is told under the lock, so it sees one message's changes in the order they happened. */
    private synchronized void update(String id, MessageStatus status, Optional<String> reason) {
        OutboundMessage message = byId.get(id);
        if (message == null || !message.status().advancesTo(status)) {
            return;
        }
        OutboundMessage changed = message.withStatus(status, reason, clock.instant());
        append(OutboxRecords.statusChanged(id, status, reason, changed.updatedAt()));
        apply(changed);
        compactIfGrown();
        listener.onStatus(changed);
    }

    /**
     * The in-memory side of a status change (also used by replay). A message that left the queue keeps its text
     * only if it was sent, and then only as long as {@link Retention} allows.
     */
    private void apply(OutboundMessage changed) {
        boolean leavesQueue = changed.status().isFinalForSending() && queued.remove(changed.id());
        if (leavesQueue && changed.status().reachedWhatsApp() && !changed.text().isEmpty()) {
            textKeptSince.put(changed.id(), changed.updatedAt());
            keptTextChars += changed.text().length();
        }
        byId.put(changed.id(), textKeptSince.containsKey(changed.id()) ? changed : withoutText(changed));
        if (leavesQueue) {
            finished.addLast(changed.id());
            while (finished.size() > retention.statuses()) {
                String oldest = finished.removeFirst();
                dropText(oldest);
                OutboundMessage forgotten = byId.remove(oldest);
                if (forgotten != null) {
                    forgotten.idempotencyKey().ifPresent(byKey::remove);
                }
            }
        }
        dropTextsBeyondRetention();
    }

    /**
     * Drops the oldest kept texts while they are past {@link Retention#sentTextsFor} or over its character budget.
     * Stops at the first text still within both ({@link #sentText} checks the age again: after a compaction, a
     * replayed message counts as sent at its last status change, so the order can be slightly off).
     */
    private void dropTextsBeyondRetention() {
        Instant keptSince = clock.instant().minus(retention.sentTextsFor());
        while (!textKeptSince.isEmpty()) {
            Map.Entry<String, Instant> oldest = textKeptSince.firstEntry();
            if (keptTextChars <= retention.sentTextChars() && !oldest.getValue().isBefore(keptSince)) {
                return;
            }
            dropText(oldest.getKey());
        }
    }

    private void dropText(String id) {
        if (textKeptSince.remove(id) != null) {
            OutboundMessage message = byId.get(id);
            keptTextChars -= message.text().length();
            byId.put(id, withoutText(message));
        }
    }

    private static OutboundMessage withoutText(OutboundMessage message) {
        return message.text().isEmpty() ? message
                : new OutboundMessage(message.id(), message.to(), "", message.idempotencyKey(), message.acceptedAt(),
                message.status(), message.reason(), message.updatedAt());
    }

    private void append(byte[] record) {
        journal.append(record);
        journalRecords++;
    }

    /** Rewrites the journal as one acceptance (plus its status) per live message once it is 4x their count. */
    private void compactIfGrown() {
        if (journalRecords < 4 * byId.size() + 256) {
            return;
        }
        List<byte[]> records = new ArrayList<>(2 * byId.size());
        for (OutboundMessage message : byId.values()) {
            records.add(OutboxRecords.accepted(message));
            if (message.status() != MessageStatus.QUEUED) {
                records.add(OutboxRecords.statusChanged(message.id(), message.status(), message.reason(), message.updatedAt()));
            }
        }
        journal.rewrite(records);
        journalRecords = records.size();
    }

    @Override
    public void close() {
        journal.close();
    }
}
