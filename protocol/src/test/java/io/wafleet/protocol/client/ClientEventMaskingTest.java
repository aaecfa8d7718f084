package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Listeners log events as they come, so no event's toString() may carry a whole phone number or a person's name. */
class ClientEventMaskingTest {
    private static final String JID = "40712345612:3@s.whatsapp.net";

    @Test
    void accountEventsMaskTheNumber() {
        String paired = new ClientEvent.Paired(JID, Optional.of("98765432101@lid"), Optional.empty(), "android").toString();
        String connected = new ClientEvent.Connected(JID, Optional.of("Ana Popescu")).toString();

        assertThat(paired).contains("407******12:3@s.whatsapp.net", "987******01@lid").doesNotContain("40712345612", "98765432101");
        assertThat(connected).contains("407******12:3@s.whatsapp.net").doesNotContain("40712345612", "Ana");
    }

    @Test
    void receiptsMaskTheReportingContact() {
        String receipt = new ClientEvent.ReceiptReceived(List.of("3EB0AA"), "40799988877@s.whatsapp.net", Optional.of("read"))
                .toString();

        assertThat(receipt).contains("3EB0AA", "407******77@s.whatsapp.net", "read").doesNotContain("40799988877");
    }
}
