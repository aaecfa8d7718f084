package io.wafleet.server.messaging;

import io.wafleet.server.webhook.SignedWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The message webhook's durable queue. An event is journalled (fsynced) before {@link #offer} returns, and marked
 * done once the receiver answered 2xx (or refused it for good, or every attempt failed). After a crash the events
 * not marked done are sent again, with the same event id. Event ids already seen are refused as duplicates, so a
 * message WhatsApp delivers twice (redelivery after a crash before our receipt) reaches the receiver once.
 *
 * <p>One virtual thread sends, oldest due first, never blocking the caller: {@link #offer} only journals. Retries
 * back off exponentially with jitter up to a cap; at most {@code capacity} events wait, beyond that
 * {@link #offer} says no and the caller decides (an inbound message is then left unacknowledged, so WhatsApp keeps
 * it and delivers it again at the next login).
 */
final class WebhookQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookQueue.class);
    private static final byte EVENT = 1;
    private static final byte DONE = 2;
    /** How many delivered event ids are remembered to spot duplicates (a redelivery comes within minutes). */
    static final int REMEMBERED = 8192;
    private static final Duration STORAGE_RETRY = Duration.ofSeconds(5);

    /**
     * Attempts per event, and the backoff before attempt n+1: a random wait between half and all of
     * {@code first * 2^(n-1)}, capped (jittered so that many events failing together do not retry together).
     */
    record RetryPolicy(int attempts, Duration first, Duration cap) {
        static RetryPolicy standard() {
            return new RetryPolicy(30, Duration.ofSeconds(1), Duration.ofMinutes(5));
        }

        Duration before(int attempt) {
            long ceiling = Math.min(cap.toMillis(), first.toMillis() << Math.min(attempt - 1, 20));
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        }
    }

    /** What happened to one event, for metrics. */
    enum Outcome { DELIVERED, REFUSED, GAVE_UP, DUPLICATE, QUEUE_FULL }

    interface OutcomeListener {
        void onOutcome(Outcome outcome);
    }

    private final FrameJournal journal;
    private final SignedWebhook webhook;
    private final RetryPolicy retries;
    private final int capacity;
    private final OutcomeListener outcomes;
    private final Map<String, WebhookEvent> pending = new LinkedHashMap<>();
    private final SequencedSet<String> delivered = new LinkedHashSet<>();
    private final DelayQueue<Due> due = new DelayQueue<>();
    private final Thread worker;
    private int journalRecords;
    private volatile boolean closing;

    private WebhookQueue(FrameJournal journal, SignedWebhook webhook, RetryPolicy retries, int capacity,
                         OutcomeListener outcomes) {
        this.journal = journal;
        this.webhook = webhook;
        this.retries = retries;
        this.capacity = capacity;
        this.outcomes = outcomes;
        this.worker = Thread.ofVirtual().name("message-webhook").unstarted(this::run);
    }

    static WebhookQueue open(Path file, SignedWebhook webhook, RetryPolicy retries, int capacity, OutcomeListener outcomes) {
        FrameJournal.Opened opened = FrameJournal.open(file);
        WebhookQueue queue = new WebhookQueue(opened.journal(), webhook, retries, capacity, outcomes);
        for (byte[] record : opened.records()) {
            queue.replay(record);
        }
        queue.journalRecords = opened.records().size();
        queue.pending.values().forEach(event -> queue.due.add(new Due(event, 1, System.nanoTime())));
        if (!queue.pending.isEmpty()) {
            log.info("{} message webhook events restored, to be sent again with their event ids", queue.pending.size());
        }
        queue.worker.start();
        return queue;
    }

    private void replay(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            byte kind = in.readByte();
            String id = in.readUTF();
            if (kind == EVENT) {
                pending.put(id, new WebhookEvent(id, in.readNBytes(record.length)));
            } else if (kind == DONE) {
                pending.remove(id);
                remember(id);
            } else {
                throw new IllegalStateException("webhook journal record of unknown kind " + kind);
            }
        } catch (IOException e) {
            throw new IllegalStateException("webhook journal record cut short", e);
        }
    }

    /**
     * Journals {@code event} for delivery. Returns false, journalling nothing, when the queue is full; a
     * duplicate event id is accepted (true) without being sent twice.
     */
    synchronized boolean offer(WebhookEvent event) {
        if (pending.containsKey(event.eventId()) || delivered.contains(event.eventId())) {
            outcomes.onOutcome(Outcome.DUPLICATE);
            return true;
        }
        if (closing || pending.size() >= capacity) {
            outcomes.onOutcome(Outcome.QUEUE_FULL);
            return false;
        }
        append(record(EVENT, event.eventId(), event.body()));
        pending.put(event.eventId(), event);
        due.add(new Due(event, 1, System.nanoTime()));
        return true;
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    private void run() {
        try {
            while (!closing) {
                Due next = due.take();
                try {
                    deliver(next);
                } catch (RuntimeException e) {
                    // The journal could not be written (volume trouble): keep the event and try again later.
                    log.error("message webhook: event {} could not be recorded: {}", next.event().eventId(), e.toString());
                    due.add(new Due(next.event(), next.attempt(), System.nanoTime() + STORAGE_RETRY.toNanos()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Due next) {
        WebhookEvent event = next.event();
        Optional<String> failure;
        try {
            int status = webhook.post(event.body(), Map.of("X-WaFleet-Event-Id", event.eventId()));
            if (status / 100 == 2) {
                finish(event, Outcome.DELIVERED);
                return;
            }
            if (SignedWebhook.refusedForGood(status)) {
                log.warn("message webhook refused event {} with HTTP {}; not retrying", event.eventId(), status);
                finish(event, Outcome.REFUSED);
                return;
            }
            failure = Optional.of("HTTP " + status);
        } catch (IOException e) {
            failure = Optional.of(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (next.attempt() >= retries.attempts()) {
            log.warn("message webhook: giving up on event {} after {} attempts ({})", event.eventId(), next.attempt(), failure.get());
            finish(event, Outcome.GAVE_UP);
            return;
        }
        Duration wait = retries.before(next.attempt());
        log.info("message webhook: event {} attempt {} failed ({}); next in {} ms", event.eventId(), next.attempt(),
                failure.get(), wait.toMillis());
        due.add(new Due(event, next.attempt() + 1, System.nanoTime() + wait.toNanos()));
    }

    private synchronized void finish(WebhookEvent event, Outcome outcome) {
        if (!closing) {
            append(record(DONE, event.eventId(), new byte[0]));
        }
        pending.remove(event.eventId());
        remember(event.eventId());
        outcomes.onOutcome(outcome);
        compactIfGrown();
    }

    private void remember(String eventId) {
        delivered.add(eventId);
        if (delivered.size() > REMEMBERED) {
            delivered.removeFirst();
        }
    }

    private void append(byte[] record) {
        journal.append(record);
        journalRecords++;
    }

    /** Rewrites the journal as the remembered ids and the pending events once it is far larger than they are. */
    private void compactIfGrown() {
        if (journalRecords < 2 * (pending.size() + delivered.size()) + 1024) {
            return;
        }
        List<byte[]> records = new ArrayList<>(pending.size() + delivered.size());
        delivered.forEach(id -> records.add(record(DONE, id, new byte[0])));
        pending.values().forEach(event -> records.add(record(EVENT, event.eventId(), event.body())));
        journal.rewrite(records);
        journalRecords = records.size();
    }

    private static byte[] record(byte kind, String eventId, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + eventId.length() + 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            out.writeUTF(eventId);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Stops sending; events not yet delivered stay in the journal and go out after the next start. */
    @Override
    public void close() {
        closing = true;
        worker.interrupt();
        try {
            worker.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            journal.close();
        }
    }

    /** An event with the attempt it is on and when that attempt is due. */
    private record Due(WebhookEvent event, int attempt, long dueAtNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueAtNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueAtNanos, ((Due) other).dueAtNanos);
        }
    }
}
