package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds that keep a session's size and work independent of what a peer sends. */
class SessionLimitsTest {

    @Test
    void aMessageMoreThanTheWindowAheadIsRefusedAndChangesNothing() {
        Party alice = FreshAccounts.create("111", 2);
        Party bob = FreshAccounts.create("222", 2);
        FreshAccounts.converse(alice, bob);
        EncryptedMessage tooFar = null;
        for (int i = 0; i <= DoubleRatchet.MAX_KEYS_AHEAD; i++) {
            tooFar = alice.cipher.encrypt(bob.address, FreshAccounts.text("m" + i));
        }
        EncryptedMessage last = tooFar;
        SignalException refusal = StepReplay.assertFailsWithoutTrace(bob, alice.address, last, "2001 keys ahead");
        assertThat(refusal.reason()).isEqualTo(SignalException.Reason.OUT_OF_WINDOW);
    }

    @Test
    void skippedKeysAreCappedOldestFirst() {
        Party alice = FreshAccounts.create("111", 2);
        Party bob = FreshAccounts.create("222", 2);
        FreshAccounts.converse(alice, bob);
        List<EncryptedMessage> sent = new ArrayList<>();
        // Three runs, each delivered only by its last message: Bob keeps the others' keys.
        for (int run = 0; run < 3; run++) {
            for (int i = 0; i < 1000; i++) {
                sent.add(alice.cipher.encrypt(bob.address, FreshAccounts.text(run + "/" + i)));
            }
            bob.cipher.decrypt(alice.address, sent.getLast());
        }
        SessionRecord record = SessionRecordCodec.decode(bob.store.loadSession(alice.address).orElseThrow());
        int kept = record.openSession().orElseThrow().receivingChains().stream().mapToInt(ReceivingChain::skippedKeyCount).sum();
        assertThat(kept).isEqualTo(DoubleRatchet.MAX_SKIPPED_KEYS);
        assertThat(bob.cipher.decrypt(alice.address, sent.get(sent.size() - 2))).isNotEmpty();
        assertThatThrownBy(() -> bob.cipher.decrypt(alice.address, sent.getFirst()))
                .isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.DUPLICATE));
    }

    @Test
    void aRecordKeepsAtMostFortySessionsDroppingTheLongestClosed() {
        Party alice = FreshAccounts.create("111", 0);
        Party bob = FreshAccounts.create("222", 0);
        for (int i = 0; i < SessionRecord.MAX_SESSIONS + 5; i++) {
            alice.clock.set(1_000_000L + i);
            alice.cipher.processBundle(bob.address, FreshAccounts.bundleOf(bob));
        }
        SessionRecord record = SessionRecordCodec.decode(alice.store.loadSession(bob.address).orElseThrow());
        assertThat(record.sessions()).hasSize(SessionRecord.MAX_SESSIONS);
        assertThat(record.sessions().stream().filter(Session::isOpen)).hasSize(1);
        assertThat(record.sessions().stream().filter(s -> !s.isOpen()).mapToLong(s -> s.closedMs().orElseThrow()).min().orElseThrow())
                .as("the five sessions closed first are gone").isEqualTo(1_000_000L + 6);
    }

    @Test
    void aClosedSessionStillDecryptsWhatWasSentOnIt() {
        Party alice = FreshAccounts.create("111", 3);
        Party bob = FreshAccounts.create("222", 3);
        FreshAccounts.converse(alice, bob);
        EncryptedMessage inFlight = alice.cipher.encrypt(bob.address, FreshAccounts.text("old session"));
        FreshAccounts.converse(alice, bob);
        assertThat(bob.cipher.decrypt(alice.address, inFlight)).isEqualTo(FreshAccounts.text("old session"));
        // and the open session was not disturbed by the attempt on it
        EncryptedMessage reply = bob.cipher.encrypt(alice.address, FreshAccounts.text("still fine"));
        assertThat(reply.type()).isEqualTo(EncryptedMessage.Type.MSG);
        assertThat(alice.cipher.decrypt(bob.address, reply)).isEqualTo(FreshAccounts.text("still fine"));
    }
}
