package io.wafleet.protocol.client.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One Signal address per user, whichever form names it. */
class LidMappingsTest {
    private static final Jid PN = Jid.parse("15550000002@s.whatsapp.net").orElseThrow();
    private static final Jid LID = Jid.parse("200000000000002@lid").orElseThrow();

    @TempDir
    Path directory;

    private AuthStore store;
    private LidMappings lids;

    @BeforeEach
    void open() {
        store = MessagingFixtures.pairedStore(directory);
        lids = new LidMappings(store, new SignalSessions(new AuthStoreSignalStore(store), KeyPairSource.random(), InstantSource.system()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void bothFormsShareTheLidAddressOnceTheMappingIsKnown() {
        assertThat(lids.addressOf(PN.withDevice(2))).isEqualTo(SignalAddress.phoneNumber("15550000002", 2));
        lids.learn(PN, LID);
        SignalAddress expected = SignalAddress.inDomain("200000000000002", 1, 2);
        assertThat(lids.addressOf(PN.withDevice(2))).isEqualTo(expected);
        assertThat(lids.addressOf(LID.withDevice(2))).isEqualTo(expected);
        assertThat(lids.canonicalUser(PN.withDevice(2))).isEqualTo("200000000000002@lid");
        assertThat(store.read(KeyCategory.LID_MAPPING, "15550000002")).contains("200000000000002".getBytes(UTF_8));
        assertThat(store.read(KeyCategory.LID_MAPPING, "200000000000002_reverse")).contains("15550000002".getBytes(UTF_8));
    }

    @Test
    void sessionsUnderThePhoneNumberMoveToTheLidInTheSameChangeAsTheMapping() {
        store.apply(StateChange.builder()
                .put(KeyCategory.SESSION, "15550000002.0", new byte[] {1})
                .put(KeyCategory.SESSION, "15550000002.4", new byte[] {4})
                .put(KeyCategory.IDENTITY, "15550000002.0", new byte[] {7})
                .put(KeyCategory.SESSION, "155500000021.0", new byte[] {9})
                .build());
        long before = store.state().sequence();

        lids.learn(PN, LID);

        assertThat(store.state().sequence()).isEqualTo(before + 1);
        assertThat(store.read(KeyCategory.SESSION, "200000000000002_1.0")).contains(new byte[] {1});
        assertThat(store.read(KeyCategory.SESSION, "200000000000002_1.4")).contains(new byte[] {4});
        assertThat(store.read(KeyCategory.IDENTITY, "200000000000002_1.0")).contains(new byte[] {7});
        assertThat(store.ids(KeyCategory.SESSION)).doesNotContain("15550000002.0", "15550000002.4")
                .contains("155500000021.0");
    }

    @Test
    void anExistingLidSessionWinsOverThePhoneNumberOne() {
        store.apply(StateChange.builder()
                .put(KeyCategory.SESSION, "15550000002.0", new byte[] {1})
                .put(KeyCategory.SESSION, "200000000000002_1.0", new byte[] {2})
                .build());
        lids.learn(PN, LID);
        assertThat(store.read(KeyCategory.SESSION, "200000000000002_1.0")).contains(new byte[] {2});
        assertThat(store.read(KeyCategory.SESSION, "15550000002.0")).isEmpty();
    }

    @Test
    void aKnownMappingWritesNothingAndNonUserJidsAreIgnored() {
        lids.learn(PN, LID);
        long after = store.state().sequence();
        lids.learn(PN.withDevice(3), LID.withDevice(3));
        lids.learn(LID, PN);
        lids.learn(Jid.parse("123-456@g.us").orElseThrow(), LID);
        assertThat(store.state().sequence()).isEqualTo(after);
    }
}
