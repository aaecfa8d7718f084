package io.wafleet.protocol.crypto;

import static io.wafleet.protocol.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of every section of crypto.json, as Baileys' crypto helpers produced them. */
class CryptoVectorsTest {
    private static final String FILE = "crypto.json";
    private static final JsonNode VECTORS = Vectors.load(FILE);

    @TestFactory
    Stream<DynamicTest> hkdf() {
        return cases("hkdf", c -> {
            // A JSON null salt is Baileys' "no salt"; Hkdf treats an empty salt the same way (RFC 5869).
            byte[] salt = c.get("saltHex").isNull() ? new byte[0] : hex(c.get("saltHex"));
            byte[] info = c.get("info").asText().getBytes(StandardCharsets.UTF_8);
            byte[] okm = Hkdf.derive(hex(c.get("ikmHex")), salt, info, c.get("length").asInt());
            assertThat(okm).isEqualTo(hex(c.get("okmHex")));
        });
    }

    @TestFactory
    Stream<DynamicTest> aesGcm() {
        return cases("aesGcm", c -> {
            byte[] key = hex(c.get("keyHex"));
            byte[] iv = hex(c.get("ivHex"));
            byte[] aad = hex(c.get("aadHex"));
            byte[] plaintext = hex(c.get("plaintextHex"));
            byte[] expected = hex(c.get("ciphertextWithTagHex"));

            assertThat(Aes.gcmEncrypt(key, iv, aad, plaintext)).isEqualTo(expected);
            assertThat(Aes.gcmDecrypt(key, iv, aad, expected)).isEqualTo(plaintext);

            byte[] tampered = expected.clone();
            tampered[tampered.length - 1] ^= 0x01;
            assertThatThrownBy(() -> Aes.gcmDecrypt(key, iv, aad, tampered)).isInstanceOf(CryptoException.class);

            // The reusable key does AES-256 with empty associated data only: the transport's case.
            if (key.length == 32 && aad.length == 0) {
                AesGcmKey reusable = new AesGcmKey(key);
                byte[] sealed = new byte[2 + AesGcmKey.sealedLength(plaintext.length)];
                reusable.seal(iv, plaintext, 0, plaintext.length, sealed, 2);
                assertThat(Arrays.copyOfRange(sealed, 2, sealed.length)).isEqualTo(expected);
                assertThatThrownBy(() -> reusable.open(iv, tampered, 0, tampered.length)).isInstanceOf(CryptoException.class);
                assertThat(reusable.open(iv, sealed, 2, expected.length)).as("usable after a failed open").isEqualTo(plaintext);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> aesCbc() {
        return cases("aesCbc", c -> {
            byte[] key = hex(c.get("keyHex"));
            byte[] iv = hex(c.get("ivHex"));
            byte[] plaintext = hex(c.get("plaintextHex"));
            byte[] ciphertext = hex(c.get("ciphertextHex"));

            assertThat(Aes.cbcEncrypt(key, iv, plaintext)).isEqualTo(ciphertext);

            // The IV-prefixed form is what Baileys' aesDecrypt(buffer, key) takes: split it the same way.
            byte[] ivPrefixed = hex(c.get("ivPrefixedHex"));
            byte[] prefix = Arrays.copyOfRange(ivPrefixed, 0, 16);
            byte[] body = Arrays.copyOfRange(ivPrefixed, 16, ivPrefixed.length);
            assertThat(prefix).isEqualTo(iv);
            assertThat(body).isEqualTo(ciphertext);
            assertThat(Aes.cbcDecrypt(key, prefix, body)).isEqualTo(plaintext);
        });
    }

    @TestFactory
    Stream<DynamicTest> aesCtr() {
        return cases("aesCtr", c -> {
            byte[] key = hex(c.get("keyHex"));
            byte[] iv = hex(c.get("ivHex"));
            byte[] plaintext = hex(c.get("plaintextHex"));
            byte[] ciphertext = hex(c.get("ciphertextHex"));

            assertThat(Aes.ctr(key, iv, plaintext)).isEqualTo(ciphertext);
            assertThat(Aes.ctr(key, iv, ciphertext)).isEqualTo(plaintext);
        });
    }

    @TestFactory
    Stream<DynamicTest> hmacSha256() {
        return cases("hmacSha256", c -> assertThat(Hashes.hmacSha256(hex(c.get("keyHex")), hex(c.get("messageHex"))))
                .isEqualTo(hex(c.get("macHex"))));
    }

    @TestFactory
    Stream<DynamicTest> sha256() {
        return cases("sha256", c -> assertThat(Hashes.sha256(hex(c.get("messageHex"))))
                .isEqualTo(hex(c.get("digestHex"))));
    }

    @TestFactory
    Stream<DynamicTest> x25519Public() {
        return cases("x25519Public", c -> assertThat(X25519.publicKey(hex(c.get("privateHex"))))
                .isEqualTo(hex(c.get("publicHex"))));
    }

    @TestFactory
    Stream<DynamicTest> x25519Shared() {
        return cases("x25519Shared", c -> {
            byte[] privateKey = hex(c.get("privateHex"));
            byte[] peerPublic = hex(c.get("publicHex"));
            byte[] shared = hex(c.get("sharedHex"));

            // As given (32 bytes, or 33 with the 0x05 prefix), and in the other of the two forms.
            assertThat(X25519.sharedSecret(privateKey, peerPublic)).isEqualTo(shared);
            byte[] otherForm = peerPublic.length == 33 ? X25519.stripTypePrefix(peerPublic) : X25519.withTypePrefix(peerPublic);
            assertThat(X25519.sharedSecret(privateKey, otherForm)).isEqualTo(shared);

            // The peer's side of the same agreement.
            byte[] peerPrivate = hex(c.get("peerPrivateHex"));
            byte[] ourPublic = hex(c.get("peerPublicOfPrivateHex"));
            assertThat(X25519.publicKey(privateKey)).isEqualTo(ourPublic);
            assertThat(X25519.sharedSecret(peerPrivate, ourPublic)).isEqualTo(shared);
        });
    }

    @TestFactory
    Stream<DynamicTest> curveSign() {
        return cases("curveSign", c -> {
            byte[] publicKey = hex(c.get("publicHex"));
            byte[] message = hex(c.get("messageHex"));
            byte[] signature = XEdDsa.sign(hex(c.get("privateHex")), message);

            assertThat(Vectors.toHex(signature)).isEqualTo(c.get("signatureHex").asText());
            assertThat(XEdDsa.verify(publicKey, message, signature)).isTrue();
            assertThat(XEdDsa.verify(X25519.withTypePrefix(publicKey), message, signature)).isTrue();
        });
    }

    @TestFactory
    Stream<DynamicTest> curveVerify() {
        // Checks `valid` (the correct answer), never `baileysCurveVerify` (Baileys accepts forgeries).
        return cases("curveVerify", c -> assertThat(
                        XEdDsa.verify(hex(c.get("publicHex")), hex(c.get("messageHex")), hex(c.get("signatureHex"))))
                .isEqualTo(c.get("valid").asBoolean()));
    }

    /** One dynamic test per case, named after it; an empty or truncated section fails instead of passing vacuously. */
    private static Stream<DynamicTest> cases(String section, Consumer<JsonNode> check) {
        JsonNode cases = VECTORS.path(section);
        assertThat(cases.isArray()).as("%s section %s", FILE, section).isTrue();
        assertThat(cases.size())
                .as("%s section %s against description.stats", FILE, section)
                .isPositive()
                .isEqualTo(VECTORS.path("description").path("stats").path(section).asInt());
        Vectors.report(FILE, section, cases.size());
        return StreamSupport.stream(cases.spliterator(), false)
                .map(c -> dynamicTest(section + " " + c.get("name").asText(), () -> check.accept(c)));
    }
}
