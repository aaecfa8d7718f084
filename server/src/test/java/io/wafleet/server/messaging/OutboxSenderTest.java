package io.wafleet.server.messaging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

class OutboxSenderTest {

    private static final String ALICE = "15550000001@s.whatsapp.net";
    private static final String NOBODY = "19999999999@s.whatsapp.net";
    private static final OutboxSender.Policy FAST = new OutboxSender.Policy(3, Duration.ofMillis(5), Duration.ofSeconds(5));

    @TempDir
    Path dir;

    private final AtomicInteger counter = new AtomicInteger();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Every send attempt: recipient and id. */
    private record Attempt(String to, String id) {
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    private Outbox outbox() {
        Outbox outbox = Outbox.open("WA-01", dir.resolve("outbox.journal"), Clock.systemUTC(),
                () -> "3EB0%018X".formatted(counter.incrementAndGet()), 100, new Outbox.Retention(100, Duration.ofHours(1), 10_000),
                message -> { });
        opened.add(outbox);
        return outbox;
    }

    private OutboxSender sender(Outbox outbox) {
        OutboxSender sender = new OutboxSender("WA-01", outbox, new SendPacer(6000, Clock.systemUTC()), FAST);
        opened.add(sender);
        return sender;
    }

    @Test
    void nothingLeavesWhileOfflineThenEverythingInOrder() {
        Outbox outbox = outbox();
        OutboxSender sender = sender(outbox);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accepted.add(outbox.accept(ALICE, "text " + i, Optional.empty()).message().id());
            sender.wake();
        }
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        assertThat(outbox.queuedCount()).isEqualTo(20);
        sender.connected((to, text, id) -> {
            attempts.add(new Attempt(to, id));
            return CompletableFuture.completedFuture(null);
        });
        await("all sent", () -> outbox.queuedCount() == 0, 10);
        assertThat(attempts).extracting(Attempt::id).containsExactlyElementsOf(accepted);
        assertThat(accepted).allSatisfy(id -> assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(MessageStatus.SENT));
    }

    @Test
    void aMessageQueuedAfterTheQueueRanDryIsSentToo() {
        // The worker ends when nothing is queued; the next message must start another one.
        Outbox outbox = outbox();
        OutboxSender sender = sender(outbox);
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        sender.connected((to, text, id) -> {
            attempts.add(new Attempt(to, id));
            return CompletableFuture.completedFuture(null);
        });
        String first = outbox.accept(ALICE, "first", Optional.empty()).message().id();
        sender.wake();
        await("the first sent", () -> outbox.find(first).orElseThrow().status() == MessageStatus.SENT, 10);

        String second = outbox.accept(ALICE, "second", Optional.empty()).message().id();
        sender.wake();
        await("the second sent", () -> outbox.find(second).orElseThrow().status() == MessageStatus.SENT, 10);
        assertThat(attempts).extracting(Attempt::id).containsExactly(first, second);
    }

    @Test
    void aMessageThatKeepsFailingIsFailedWithItsReasonAndDoesNotBlockTheRest() {
        Outbox outbox = outbox();
        OutboxSender sender = sender(outbox);
        String bad = outbox.accept(NOBODY, "lost", Optional.empty()).message().id();
        String good = outbox.accept(ALICE, "found", Optional.empty()).message().id();
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        sender.connected((to, text, id) -> {
            attempts.add(new Attempt(to, id));
            return to.equals(NOBODY)
                    ? CompletableFuture.failedFuture(new IllegalStateException("no device of the recipient could be reached"))
                    : CompletableFuture.completedFuture(null);
        });
        await("the good one sent", () -> outbox.find(good).orElseThrow().status() == MessageStatus.SENT, 10);
        OutboundMessage failed = outbox.find(bad).orElseThrow();
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("no device of the recipient"));
        assertThat(attempts).extracting(Attempt::id).containsExactly(bad, bad, bad, good);
    }

    @Test
    void aSendCutByTheConnectionCostsNoAttemptAndGoesAgainWithTheSameIdAfterTheReconnect() {
        Outbox outbox = outbox();
        OutboxSender sender = sender(outbox);
        String id = outbox.accept(ALICE, "hello", Optional.empty()).message().id();
        List<String> attempts = new CopyOnWriteArrayList<>();
        AtomicInteger dropped = new AtomicInteger();
        MessageTransport[] first = new MessageTransport[1];
        first[0] = (to, text, messageId) -> {
            attempts.add(messageId);
            sender.disconnected(first[0]); // the socket died while the message was on its way
            dropped.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("connection closed"));
        };
        sender.connected(first[0]);
        await("the first attempt", () -> dropped.get() == 1, 10);
        sender.connected((to, text, messageId) -> {
            attempts.add(messageId);
            return CompletableFuture.completedFuture(null);
        });
        await("sent after the reconnect", () -> outbox.find(id).orElseThrow().status() == MessageStatus.SENT, 10);
        assertThat(attempts).containsExactly(id, id);
    }
}
