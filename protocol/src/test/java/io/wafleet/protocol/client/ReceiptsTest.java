package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.binary.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptsTest {
    @Test
    void aPlainReceiptIsADelivery() {
        ClientEvent.ReceiptReceived receipt = Receipts.statusOf(
                Node.of("receipt", "from", "15550000002@s.whatsapp.net", "id", "3EB0A", "t", "1")).orElseThrow();
        assertThat(receipt.messageIds()).containsExactly("3EB0A");
        assertThat(receipt.from()).isEqualTo("15550000002@s.whatsapp.net");
        assertThat(receipt.type()).isEmpty();
    }

    @Test
    void batchedReceiptsNameEveryMessage() {
        Node read = Node.builder("receipt").attr("from", "15550000002@s.whatsapp.net").attr("id", "A").attr("type", "read")
                .child(Node.builder("list").children(List.of(Node.of("item", "id", "B"), Node.of("item", "id", "C"))).build())
                .build();
        ClientEvent.ReceiptReceived receipt = Receipts.statusOf(read).orElseThrow();
        assertThat(receipt.messageIds()).containsExactly("A", "B", "C");
        assertThat(receipt.type()).contains("read");
    }

    @Test
    void retryReceiptsAndReceiptsWithoutSenderAreNoStatus() {
        assertThat(Receipts.statusOf(Node.of("receipt", "from", "1@s.whatsapp.net", "id", "A", "type", "retry"))).isEmpty();
        assertThat(Receipts.statusOf(Node.of("receipt", "id", "A"))).isEmpty();
        assertThat(Receipts.statusOf(Node.of("receipt", "from", "1@s.whatsapp.net"))).isEmpty();
    }
}
