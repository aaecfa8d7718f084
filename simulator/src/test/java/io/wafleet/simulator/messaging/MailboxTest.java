package io.wafleet.simulator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.binary.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message stays the server's until the device acknowledges it. */
class MailboxTest {
    private final Mailbox mailbox = new Mailbox(10);

    @Test
    void unacknowledgedMessagesComeAgainFirstAfterTheConnectionEnds() {
        List<String> first = new ArrayList<>();
        MessageSink connection = stanza -> first.add(stanza.attr("id").orElseThrow());
        mailbox.connect(connection);
        mailbox.deliverOrQueue(message("A"));
        mailbox.deliverOrQueue(message("B"));
        mailbox.acknowledged("A");
        mailbox.disconnect(connection);
        mailbox.deliverOrQueue(message("C"));

        List<String> second = new ArrayList<>();
        assertThat(mailbox.connect(stanza -> second.add(stanza.attr("id").orElseThrow()))).isEqualTo(2);
        assertThat(first).containsExactly("A", "B");
        assertThat(second).containsExactly("B", "C");
    }

    @Test
    void receiptsAreNotKeptForRedelivery() {
        MessageSink connection = stanza -> { };
        mailbox.connect(connection);
        mailbox.deliverOrQueue(Node.of("receipt", "id", "R"));
        mailbox.disconnect(connection);
        assertThat(mailbox.queuedCount()).isZero();
    }

    private static Node message(String id) {
        return Node.of("message", "id", id, "from", "1@s.whatsapp.net");
    }
}
