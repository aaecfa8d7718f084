package io.wafleet.protocol.store;

import io.wafleet.protocol.crypto.X25519;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.crypto.XEdDsa;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
    private final Random random = new Random(7);

    @Test
    void generatedCredentialsAreFreshAndTheirPreKeySignatureVerifies() {
        Credentials creds = Credentials.generate();
        byte[] signed = X25519.withTypePrefix(creds.signedPreKey().keyPair().publicKey());

        assertThat(XEdDsa.verify(creds.signedIdentityKey().publicKey(), signed, creds.signedPreKey().signature())).isTrue();
        assertThat(creds.registrationId()).isBetween(0, Credentials.MAX_REGISTRATION_ID);
        assertThat(creds.isPaired()).isFalse();
        assertThat(creds.nextPreKeyId()).isEqualTo(1);
        assertThat(creds.noiseKey()).isNotEqualTo(creds.signedIdentityKey());
        assertThat(Credentials.generate().advSecretKey()).isNotEqualTo(creds.advSecretKey());
    }

    @Test
    void generatedCredentialsSurviveTheStore(@TempDir Path dir) {
        Credentials creds = Credentials.generate();
        try (FileAuthStore store = FileAuthStore.open(dir.resolve("acct"))) {
            store.apply(StateChange.of(creds));
        }
        try (FileAuthStore store = FileAuthStore.open(dir.resolve("acct"))) {
            assertThat(store.state().credentials()).hasValue(creds);
        }
    }

    @Test
    void toStringShowsNoSecretAndNoPhoneNumber() {
        Credentials creds = TestCredentials.paired(random);
        String text = creds.toString() + creds.signedPreKey() + creds.me().orElseThrow() + creds.signalIdentities();
        HexFormat hex = HexFormat.of();

        assertThat(text)
                .doesNotContain(hex.formatHex(creds.noiseKey().privateKey()))
                .doesNotContain(hex.formatHex(creds.signedIdentityKey().privateKey()))
                .doesNotContain(hex.formatHex(creds.signedPreKey().keyPair().privateKey()))
                .doesNotContain(hex.formatHex(creds.advSecretKey()))
                .doesNotContain("40712345612")
                .doesNotContain("Shop")
                .contains("407******12:3@s.whatsapp.net", "407******12@s.whatsapp.net");
        assertThat(new KeyMutation.Put(new StoreKey(KeyCategory.SESSION, "a"), new byte[] {1, 2, 3}).toString())
                .isEqualTo("Put[session/a, 3 bytes]");
    }

    @Test
    void fieldsAreValidatedAndCopied() {
        Credentials creds = TestCredentials.unpaired(random);
        byte[] secret = creds.advSecretKey();
        secret[0] ^= 1;

        assertThat(creds.advSecretKey()).isNotEqualTo(secret);
        assertThatThrownBy(() -> new Credentials(creds.noiseKey(), creds.signedIdentityKey(), creds.signedPreKey(),
                16384, creds.advSecretKey(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                1, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registration id");
        assertThatThrownBy(() -> new SignedPreKeyPair(1, creds.noiseKey(), new byte[63]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuilderChangesOnlyWhatItIsTold() {
        Credentials creds = TestCredentials.unpaired(random);
        Credentials paired = creds.toBuilder().me(Me.of("40712345612:3@s.whatsapp.net")).nextPreKeyId(31).build();

        assertThat(paired.isPaired()).isTrue();
        assertThat(paired.nextPreKeyId()).isEqualTo(31);
        assertThat(paired.toBuilder().nextPreKeyId(creds.nextPreKeyId()).build()).isNotEqualTo(creds);
        assertThat(paired.signedIdentityKey()).isEqualTo(creds.signedIdentityKey());
        assertThat(creds.toBuilder().build()).isEqualTo(creds);
    }
}
