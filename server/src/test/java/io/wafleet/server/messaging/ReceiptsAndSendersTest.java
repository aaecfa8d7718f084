package io.wafleet.server.messaging;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptsAndSendersTest {

    @Test
    void receiptTypesMapToStatusesAndOwnDeviceReceiptsToNone() {
        assertThat(Messaging.statusOfReceipt(Optional.empty())).contains(MessageStatus.DELIVERED);
        assertThat(Messaging.statusOfReceipt(Optional.of("inactive"))).contains(MessageStatus.DELIVERED);
        assertThat(Messaging.statusOfReceipt(Optional.of("read"))).contains(MessageStatus.READ);
        assertThat(Messaging.statusOfReceipt(Optional.of("played"))).contains(MessageStatus.READ);
        assertThat(Messaging.statusOfReceipt(Optional.of("sender"))).isEmpty();
        assertThat(Messaging.statusOfReceipt(Optional.of("read-self"))).isEmpty();
        assertThat(Messaging.statusOfReceipt(Optional.of("retry"))).isEmpty();
    }

    @Test
    void theSenderOfAnEventIdIsTheUserWhicheverDeviceSent() {
        assertThat(Messaging.senderUser("15550000002:3@s.whatsapp.net")).isEqualTo("15550000002@s.whatsapp.net");
        assertThat(Messaging.senderUser("15550000002@s.whatsapp.net")).isEqualTo("15550000002@s.whatsapp.net");
        assertThat(Messaging.senderUser("987654321:2@lid")).isEqualTo("987654321@lid");
    }
}
