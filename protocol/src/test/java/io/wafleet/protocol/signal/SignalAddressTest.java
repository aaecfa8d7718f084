package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import org.junit.jupiter.api.Test;

class SignalAddressTest {

    /** The JID forms of the vectors: {@code user[:device]@server}; servers other than s.whatsapp.net are LID here. */
    @Test
    void everyPartyAddressFollowsFromItsJid() {
        int parties = 0;
        for (JsonNode conversation : SignalVectors.conversations()) {
            for (JsonNode party : conversation.get("parties")) {
                String jid = party.get("jid").asText();
                String local = jid.substring(0, jid.indexOf('@'));
                String server = jid.substring(jid.indexOf('@') + 1);
                String user = local.contains(":") ? local.substring(0, local.indexOf(':')) : local;
                int device = local.contains(":") ? Integer.parseInt(local.substring(local.indexOf(':') + 1)) : 0;
                SignalAddress address = server.equals("s.whatsapp.net")
                        ? SignalAddress.phoneNumber(user, device)
                        : SignalAddress.inDomain(user, SignalAddress.LID_DOMAIN_TYPE, device);
                assertThat(address.encoded()).isEqualTo(party.get("signalAddress").asText());
                assertThat(SignalAddress.parse(address.encoded())).isEqualTo(address);
                parties++;
            }
        }
        Vectors.report(SignalVectors.FILE, "party addresses", parties);
    }

    @Test
    void printsNoFullPhoneNumber() {
        SignalAddress address = SignalAddress.phoneNumber("15551234567", 3);
        assertThat(address.toString()).doesNotContain("15551234567").endsWith(".3");
    }

    @Test
    void refusesWhatIsNotAnAddress() {
        assertThatThrownBy(() -> SignalAddress.parse("15551234567")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignalAddress.parse("15551234567.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignalAddress.parse(".1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignalAddress.parse("1555.x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignalAddress.parse("1555.-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignalAddress("a.b", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
