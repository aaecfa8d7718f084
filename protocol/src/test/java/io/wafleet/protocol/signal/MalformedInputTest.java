package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Broken input ends in a {@link SignalException} and changes nothing, whatever part of the message is broken. */
class MalformedInputTest {

    @Test
    void everyTruncationOfAPkmsgIsRefused() {
        Party alice = FreshAccounts.create("111", 2);
        Party bob = FreshAccounts.create("222", 2);
        alice.cipher.processBundle(bob.address, FreshAccounts.bundleOf(bob));
        byte[] pkmsg = alice.cipher.encrypt(bob.address, FreshAccounts.text("hello")).body();
        for (int length = 0; length < pkmsg.length; length++) {
            EncryptedMessage truncated = new EncryptedMessage(EncryptedMessage.Type.PKMSG, Arrays.copyOf(pkmsg, length));
            StepReplay.assertFailsWithoutTrace(bob, alice.address, truncated, "pkmsg truncated to " + length);
        }
    }

    @Test
    void everyTruncationAndBitFlipOfAMsgIsRefused() {
        Party alice = FreshAccounts.create("111", 2);
        Party bob = FreshAccounts.create("222", 2);
        FreshAccounts.converse(alice, bob);
        byte[] msg = alice.cipher.encrypt(bob.address, FreshAccounts.text("hello again")).body();
        for (int length = 0; length < msg.length; length++) {
            StepReplay.assertFailsWithoutTrace(bob, alice.address,
                    new EncryptedMessage(EncryptedMessage.Type.MSG, Arrays.copyOf(msg, length)), "msg truncated to " + length);
        }
        // every byte of a msg is covered by its MAC (or is the MAC)
        for (int i = 0; i < msg.length; i++) {
            byte[] flipped = msg.clone();
            flipped[i] ^= 0x01;
            StepReplay.assertFailsWithoutTrace(bob, alice.address, new EncryptedMessage(EncryptedMessage.Type.MSG, flipped), "byte " + i + " flipped");
        }
        assertThat(bob.cipher.decrypt(alice.address, new EncryptedMessage(EncryptedMessage.Type.MSG, msg))).isEqualTo(FreshAccounts.text("hello again"));
    }

    @Test
    void theUnauthenticatedIdentityFieldOfALaterPkmsgDoesNotReplaceTheSessionsIdentity() {
        Party alice = FreshAccounts.create("111", 2);
        Party bob = FreshAccounts.create("222", 2);
        alice.cipher.processBundle(bob.address, FreshAccounts.bundleOf(bob));
        EncryptedMessage first = alice.cipher.encrypt(bob.address, FreshAccounts.text("one"));
        PreKeyWhisperMessage second = PreKeyWhisperMessage.parse(alice.cipher.encrypt(bob.address, FreshAccounts.text("two")).body());
        bob.cipher.decrypt(alice.address, first);
        byte[] forgedIdentity = io.wafleet.protocol.crypto.X25519.generateKeyPair().publicKey();
        PreKeyWhisperMessage forged = new PreKeyWhisperMessage(second.preKeyId(), second.signedPreKeyId(), second.baseKey(),
                forgedIdentity, second.registrationId(), second.message());
        assertThat(bob.cipher.decrypt(alice.address, new EncryptedMessage(EncryptedMessage.Type.PKMSG, forged.serialize())))
                .isEqualTo(FreshAccounts.text("two"));
        assertThat(bob.store.peerIdentity(alice.address)).hasValueSatisfying(
                key -> assertThat(key).isEqualTo(alice.store.identityKeyPair().publicKey()));
    }

    @Test
    void aMsgWithoutAnySessionIsRefusedAsNoSession() {
        Party alice = FreshAccounts.create("111", 2);
        Party bob = FreshAccounts.create("222", 2);
        FreshAccounts.converse(alice, bob);
        Party stranger = FreshAccounts.create("333", 2);
        byte[] msg = alice.cipher.encrypt(bob.address, FreshAccounts.text("x")).body();
        SignalException refusal = StepReplay.assertFailsWithoutTrace(stranger, alice.address,
                new EncryptedMessage(EncryptedMessage.Type.MSG, msg), "no session");
        assertThat(refusal.reason()).isEqualTo(SignalException.Reason.NO_SESSION);
    }

    @Test
    void encryptingWithoutASessionIsRefused() {
        Party alice = FreshAccounts.create("111", 0);
        assertThatThrownBy(() -> alice.cipher.encrypt(SignalAddress.parse("999.0"), FreshAccounts.text("x")))
                .isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.NO_SESSION));
    }

    @Test
    void storedRecordsThatAreNotOursAreRefused() {
        assertThatThrownBy(() -> SessionRecordCodec.decode(new byte[] {0x08, 0x02}))
                .isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.getMessage()).contains("format 2"));
        assertThatThrownBy(() -> SessionRecordCodec.decode(new byte[] {(byte) 0xFF, 0x01}))
                .isInstanceOf(SignalException.class);
        assertThatThrownBy(() -> SessionRecordCodec.decode(new byte[] {0x08, 0x01, 0x12, 0x02, 0x0A, 0x00}))
                .isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.MALFORMED));
    }

    @Test
    void unknownEncTypesAreRefused() {
        assertThatThrownBy(() -> EncryptedMessage.Type.fromAttribute("skmsg")).isInstanceOf(SignalException.class);
    }
}
