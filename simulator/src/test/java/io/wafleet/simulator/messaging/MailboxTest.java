package io.wafleet.simulator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.binary.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-device queue: bounded, drained in order at login, never stolen by a connection that was replaced, and
 * holding each message until the device acknowledged it.
 */
class MailboxTest {
    private final Mailbox mailbox = new Mailbox(3);

    @Test
    void aFullQueueDropsTheOldestAndLoginDrainsTheRestInOrder() {
        List<Mailbox.Outcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            outcomes.add(mailbox.deliverOrQueue(message(i)));
        }
        assertThat(outcomes).containsExactly(Mailbox.Outcome.QUEUED, Mailbox.Outcome.QUEUED, Mailbox.Outcome.QUEUED,
                Mailbox.Outcome.QUEUED_OLDEST_DROPPED);

        List<Node> delivered = new ArrayList<>();
        assertThat(mailbox.connect(delivered::add)).isEqualTo(3);
        assertThat(delivered).containsExactly(message(2), message(3), message(4));
        assertThat(mailbox.deliverOrQueue(message(5))).isEqualTo(Mailbox.Outcome.DELIVERED);
        assertThat(delivered).endsWith(message(5));
        assertThat(mailbox.queuedCount()).isZero();
    }

    @Test
    void onlyTheCurrentConnectionDisconnects() {
        List<Node> first = new ArrayList<>();
        List<Node> second = new ArrayList<>();
        MessageSink replaced = first::add;
        MessageSink current = second::add;
        mailbox.connect(replaced);
        mailbox.connect(current);
        mailbox.disconnect(replaced);
        mailbox.deliverOrQueue(message(1));
        assertThat(second).containsExactly(message(1));
        assertThat(first).isEmpty();

        mailbox.disconnect(current);
        assertThat(mailbox.deliverIfConnected(message(2))).isFalse();
        assertThat(mailbox.deliverOrQueue(message(3))).isEqualTo(Mailbox.Outcome.QUEUED);
    }

    @Test
    void unacknowledgedMessagesComeAgainFirstAfterTheConnectionEnds() {
        Mailbox roomy = new Mailbox(10);
        List<Node> first = new ArrayList<>();
        MessageSink connection = first::add;
        roomy.connect(connection);
        roomy.deliverOrQueue(message(1));
        roomy.deliverOrQueue(message(2));
        roomy.acknowledged("m1");
        roomy.disconnect(connection);
        roomy.deliverOrQueue(message(3));

        List<Node> second = new ArrayList<>();
        assertThat(roomy.connect(second::add)).isEqualTo(2);
        assertThat(first).containsExactly(message(1), message(2));
        assertThat(second).containsExactly(message(2), message(3));
    }

    @Test
    void receiptsAreNotKeptForRedelivery() {
        MessageSink connection = stanza -> { };
        mailbox.connect(connection);
        mailbox.deliverOrQueue(Node.of("receipt", "id", "r1"));
        mailbox.disconnect(connection);
        assertThat(mailbox.queuedCount()).isZero();
    }

    private static Node message(int n) {
        return Node.of("message", "id", "m" + n);
    }
}
