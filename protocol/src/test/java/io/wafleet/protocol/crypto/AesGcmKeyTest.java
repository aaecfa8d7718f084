package io.wafleet.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AesGcmKeyTest {
    private static final int MESSAGES = 50;

    @Test
    void oneKeySealsAndOpensManyMessagesExactlyAsOneShotGcmDoes() {
        Random random = new Random(7);
        byte[] keyBytes = bytes(random, 32);
        AesGcmKey sealer = new AesGcmKey(keyBytes);
        AesGcmKey opener = new AesGcmKey(keyBytes);

        for (int i = 0; i < MESSAGES; i++) {
            byte[] iv = bytes(random, 12);
            byte[] plaintext = bytes(random, random.nextInt(3000));
            byte[] sealed = new byte[AesGcmKey.sealedLength(plaintext.length)];
            sealer.seal(iv, plaintext, 0, plaintext.length, sealed, 0);

            assertThat(sealed).as("message %d", i).isEqualTo(Aes.gcmEncrypt(keyBytes, iv, new byte[0], plaintext));
            assertThat(opener.open(iv, sealed, 0, sealed.length)).as("message %d", i).isEqualTo(plaintext);
        }
    }

    @Test
    void aForgedMessageFailsAndTheKeyStaysUsable() {
        byte[] iv = new byte[12];
        AesGcmKey key = new AesGcmKey(new byte[32]);
        byte[] sealed = new byte[AesGcmKey.sealedLength(3)];
        key.seal(iv, new byte[] {1, 2, 3}, 0, 3, sealed, 0);
        byte[] forged = sealed.clone();
        forged[1] ^= 1;

        assertThatThrownBy(() -> key.open(iv, forged, 0, forged.length)).isInstanceOf(CryptoException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> key.open(iv, sealed, 0, 15)).isInstanceOf(CryptoException.class).hasMessageContaining("shorter than its tag");
        assertThat(key.open(iv, sealed, 0, sealed.length)).containsExactly(1, 2, 3);
    }

    @Test
    void sealingTwiceUnderOneIvIsRefused() {
        byte[] iv = new byte[12];
        AesGcmKey key = new AesGcmKey(new byte[32]);
        byte[] out = new byte[AesGcmKey.sealedLength(1)];
        key.seal(iv, new byte[1], 0, 1, out, 0);

        assertThatThrownBy(() -> key.seal(iv, new byte[1], 0, 1, out, 0)).isInstanceOf(CryptoException.class);
    }

    @Test
    void refusesOtherKeySizesAndNeverPrintsTheKey() {
        assertThatThrownBy(() -> new AesGcmKey(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        byte[] keyBytes = new byte[32];
        Arrays.fill(keyBytes, (byte) 0x5A);

        assertThat(new AesGcmKey(keyBytes).toString()).doesNotContain("5a").doesNotContain("5A");
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
