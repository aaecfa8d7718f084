package io.wafleet.server.messaging;

import io.wafleet.server.testing.ManualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxTest {

    private static final String ALICE = "15550000001@s.whatsapp.net";

    @TempDir
    Path dir;

    private final List<OutboundMessage> changes = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final Supplier<String> ids = () -> "3EB0%018X".formatted(counter.incrementAndGet());

    private final ManualTime time = new ManualTime();

    private Outbox open(int capacity, int statuses) {
        return open(capacity, new Outbox.Retention(statuses, Duration.ofHours(24), 1_000_000));
    }

    private Outbox open(int capacity, Outbox.Retention retention) {
        return Outbox.open("WA-01", dir.resolve("WA-01/outbox.journal"), time, ids, capacity, retention, changes::add);
    }

    private Outbox open() {
        return open(100, 100);
    }

    @Test
    void messagesLeaveInAcceptanceOrderOneHeadAtATime() {
        try (Outbox outbox = open()) {
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                accepted.add(outbox.accept(ALICE, "text " + i, Optional.empty()).message().id());
            }
            List<String> sent = new ArrayList<>();
            while (outbox.head().isPresent()) {
                String id = outbox.head().get().id();
                assertThat(outbox.head().get().id()).as("the head stays until it is marked").isEqualTo(id);
                outbox.markSent(id);
                sent.add(id);
            }
            assertThat(sent).containsExactlyElementsOf(accepted);
            assertThat(changes).extracting(OutboundMessage::status).containsOnly(MessageStatus.SENT).hasSize(5);
        }
    }

    @Test
    void anIdempotencyKeyReturnsTheEarlierMessageAndQueuesNothing() {
        try (Outbox outbox = open()) {
            Outbox.Acceptance first = outbox.accept(ALICE, "once", Optional.of("order-42"));
            Outbox.Acceptance again = outbox.accept(ALICE, "once", Optional.of("order-42"));
            assertThat(first.duplicate()).isFalse();
            assertThat(again.duplicate()).isTrue();
            assertThat(again.message().id()).isEqualTo(first.message().id());
            assertThat(outbox.queuedCount()).isEqualTo(1);
            outbox.markSent(first.message().id());
            assertThat(outbox.accept(ALICE, "once", Optional.of("order-42")).message().status()).isEqualTo(MessageStatus.SENT);
        }
        try (Outbox reopened = open()) {
            assertThat(reopened.accept(ALICE, "once", Optional.of("order-42")).duplicate())
                    .as("the key survives a restart").isTrue();
        }
    }

    @Test
    void aFailedMessageKeepsItsReasonAndTheNextOneBecomesTheHead() {
        try (Outbox outbox = open()) {
            String bad = outbox.accept("19999999999@s.whatsapp.net", "to nobody", Optional.empty()).message().id();
            String good = outbox.accept(ALICE, "to alice", Optional.empty()).message().id();
            outbox.markFailed(bad, "no device of the recipient could be reached");
            assertThat(outbox.head()).map(OutboundMessage::id).contains(good);
            OutboundMessage failed = outbox.find(bad).orElseThrow();
            assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(failed.reason()).contains("no device of the recipient could be reached");
            outbox.markReceipt(bad, MessageStatus.DELIVERED);
            assertThat(outbox.find(bad).orElseThrow().status()).as("failed is final").isEqualTo(MessageStatus.FAILED);
        }
    }

    @Test
    void receiptsOnlyMoveForward() {
        try (Outbox outbox = open()) {
            String id = outbox.accept(ALICE, "hi", Optional.empty()).message().id();
            outbox.markSent(id);
            outbox.markReceipt(id, MessageStatus.READ);
            outbox.markReceipt(id, MessageStatus.DELIVERED); // late
            assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(MessageStatus.READ);
            assertThat(changes).extracting(OutboundMessage::status).containsExactly(MessageStatus.SENT, MessageStatus.READ);
        }
    }

    @Test
    void aFullOutboxRefusesAndAcceptsAgainOnceOneLeft() {
        try (Outbox outbox = open(2, 100)) {
            String first = outbox.accept(ALICE, "1", Optional.empty()).message().id();
            outbox.accept(ALICE, "2", Optional.empty());
            assertThatThrownBy(() -> outbox.accept(ALICE, "3", Optional.empty()))
                    .isInstanceOf(OutboxFullException.class).hasMessageContaining("WA-01");
            outbox.markSent(first);
            assertThat(outbox.accept(ALICE, "3", Optional.empty()).duplicate()).isFalse();
        }
    }

    @Test
    void queuedMessagesAndStatusesSurviveAReopenWithTheSameIds() {
        List<String> accepted = new ArrayList<>();
        try (Outbox outbox = open()) {
            for (int i = 0; i < 4; i++) {
                accepted.add(outbox.accept(ALICE, "text " + i, Optional.empty()).message().id());
            }
            outbox.markSent(accepted.getFirst());
        }
        try (Outbox reopened = open()) {
            assertThat(reopened.queuedCount()).isEqualTo(3);
            assertThat(reopened.head()).map(OutboundMessage::id).contains(accepted.get(1));
            assertThat(reopened.head()).map(OutboundMessage::text).contains("text 1");
            assertThat(reopened.find(accepted.getFirst()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
        }
    }

    @Test
    void aTornLastRecordIsCutAndEveryWholeRecordKept() throws IOException {
        List<String> accepted = new ArrayList<>();
        try (Outbox outbox = open()) {
            for (int i = 0; i < 3; i++) {
                accepted.add(outbox.accept(ALICE, "text " + i, Optional.empty()).message().id());
            }
        }
        Path journal = dir.resolve("WA-01/outbox.journal");
        long whole = Files.size(journal);
        byte[] torn = FrameJournal.frame(OutboxRecords.statusChanged(accepted.getFirst(), MessageStatus.SENT,
                Optional.empty(), java.time.Instant.now()));
        for (int cut = 1; cut < torn.length; cut++) {
            try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
                channel.truncate(whole);
                channel.write(java.nio.ByteBuffer.wrap(torn, 0, cut), whole);
            }
            try (Outbox reopened = open()) {
                assertThat(reopened.queuedCount()).as("cut at %d", cut).isEqualTo(3);
                assertThat(reopened.head()).map(OutboundMessage::id).contains(accepted.getFirst());
            }
            assertThat(Files.size(journal)).as("the torn tail is cut").isEqualTo(whole);
        }
        try (Outbox reopened = open()) {
            reopened.accept(ALICE, "after the tear", Optional.empty());
            reopened.markSent(accepted.getFirst());
        }
        try (Outbox again = open()) {
            assertThat(again.queuedCount()).as("appends after the cut are readable").isEqualTo(3);
        }
    }

    @Test
    void aFlippedByteEndsTheReplayAtTheDamagedRecord() throws IOException {
        try (Outbox outbox = open()) {
            for (int i = 0; i < 3; i++) {
                outbox.accept(ALICE, "text " + i, Optional.empty());
            }
        }
        Path journal = dir.resolve("WA-01/outbox.journal");
        byte[] bytes = Files.readAllBytes(journal);
        bytes[bytes.length - 3] ^= 0x5A;
        Files.write(journal, bytes);
        try (Outbox reopened = open()) {
            assertThat(reopened.queuedCount()).isEqualTo(2);
        }
    }

    @Test
    void finishedMessagesBeyondTheRetentionAreForgottenAndTheJournalIsCompacted() throws IOException {
        try (Outbox outbox = open(1000, 10)) {
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = outbox.accept(ALICE, "text " + i, Optional.of("key-" + i)).message().id();
                outbox.markSent(id);
                outbox.markReceipt(id, MessageStatus.DELIVERED);
                accepted.add(id);
            }
            assertThat(outbox.find(accepted.getFirst())).isEmpty();
            assertThat(outbox.find(accepted.getLast())).map(OutboundMessage::status).contains(MessageStatus.DELIVERED);
            assertThat(outbox.find(accepted.getLast())).map(OutboundMessage::text).as("kept for retry receipts").contains("text 199");
            assertThat(outbox.sentText(accepted.getFirst())).as("forgotten with its status").isEmpty();
        }
        assertThat(Files.size(dir.resolve("WA-01/outbox.journal"))).as("compacted").isLessThan(40_000);
        try (Outbox reopened = open(1000, 10)) {
            assertThat(reopened.queuedCount()).isZero();
            assertThat(reopened.accept(ALICE, "again", Optional.of("key-199")).duplicate()).isTrue();
        }
    }

    @Test
    void aSentMessageKeepsItsTextForRetriesAcrossAReopenAndAQueuedOrFailedOneIsNotOffered() {
        String sent;
        String failed;
        String queued;
        try (Outbox outbox = open()) {
            sent = outbox.accept(ALICE, "sent", Optional.empty()).message().id();
            failed = outbox.accept(ALICE, "failed", Optional.empty()).message().id();
            queued = outbox.accept(ALICE, "queued", Optional.empty()).message().id();
            outbox.markSent(sent);
            outbox.markReceipt(sent, MessageStatus.READ);
            outbox.markFailed(failed, "no device of the recipient could be reached");

            assertThat(outbox.sentText(sent)).map(OutboundMessage::text).contains("sent");
            assertThat(outbox.sentText(sent)).map(OutboundMessage::to).contains(ALICE);
            assertThat(outbox.sentText(failed)).as("never sent").isEmpty();
            assertThat(outbox.find(failed)).map(OutboundMessage::text).as("a failed text is dropped").contains("");
            assertThat(outbox.sentText(queued)).as("not sent yet").isEmpty();
            assertThat(outbox.sentText("3EB0000000000000000000")).isEmpty();
        }
        try (Outbox reopened = open()) {
            assertThat(reopened.sentText(sent)).map(OutboundMessage::text).contains("sent");
            assertThat(reopened.sentText(failed)).isEmpty();
        }
    }

    @Test
    void sentTextsAreDroppedOldestFirstBeyondTheCharacterBudgetAndAfterTheirTime() {
        Outbox.Retention retention = new Outbox.Retention(100, Duration.ofHours(24), 10);
        List<String> sent = new ArrayList<>();
        try (Outbox outbox = open(100, retention)) {
            for (String text : List.of("12345", "67890", "abcde")) {
                String id = outbox.accept(ALICE, text, Optional.empty()).message().id();
                outbox.markSent(id);
                sent.add(id);
                time.advance(Duration.ofHours(1));
            }
            assertThat(outbox.sentText(sent.get(0))).as("15 characters kept: the oldest text goes").isEmpty();
            assertThat(outbox.find(sent.get(0))).map(OutboundMessage::status).as("its status stays").contains(MessageStatus.SENT);
            assertThat(outbox.sentText(sent.get(1))).map(OutboundMessage::text).contains("67890");
            assertThat(outbox.sentText(sent.get(2))).map(OutboundMessage::text).contains("abcde");

            time.advance(Duration.ofHours(22).plusSeconds(1));
            assertThat(outbox.sentText(sent.get(1))).as("sent 24 h ago").isEmpty();
            assertThat(outbox.sentText(sent.get(2))).map(OutboundMessage::text).contains("abcde");
        }
        time.advance(Duration.ofHours(1));
        try (Outbox reopened = open(100, retention)) {
            assertThat(sent).allSatisfy(id -> assertThat(reopened.sentText(id)).isEmpty());
            assertThat(sent).allSatisfy(id -> assertThat(reopened.find(id)).map(OutboundMessage::text).contains(""));
        }
    }
}
