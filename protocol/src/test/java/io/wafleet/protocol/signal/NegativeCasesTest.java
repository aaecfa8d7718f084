package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Check 4 of the vector README: stand-alone messages and bundles that must be refused, including the two that
 * Baileys accepts (an unknown signed pre-key id, a bad signed pre-key signature).
 */
class NegativeCasesTest {
    /** Why we refuse each named case; a case not listed here must still be refused. */
    private static final Map<String, SignalException.Reason> REASONS = Map.of(
            "tampered-pkmsg-mac", SignalException.Reason.BAD_MAC,
            "tampered-pkmsg-version", SignalException.Reason.UNSUPPORTED_VERSION,
            "wrong-recipient-pkmsg-unknown-prekey", SignalException.Reason.UNKNOWN_PRE_KEY,
            "wrong-recipient-pkmsg-no-prekey", SignalException.Reason.BAD_MAC,
            "pkmsg-unknown-signed-prekey-id", SignalException.Reason.UNKNOWN_SIGNED_PRE_KEY,
            "wrong-recipient-msg-no-session", SignalException.Reason.NO_SESSION);

    @Test
    void messagesToAReceiverWithoutSessionAreRefusedWithoutTrace() {
        int cases = 0;
        for (JsonNode negative : SignalVectors.file().get("negativeCases")) {
            String name = negative.get("name").asText();
            assertThat(negative.get("expect").asText()).isEqualTo("fail");
            Party receiver = SignalVectors.partyOf(negative.get("receiver"));
            SignalAddress sender = SignalAddress.parse(negative.get("senderAddress").asText());
            EncryptedMessage message = new EncryptedMessage(EncryptedMessage.Type.fromAttribute(negative.get("type").asText()),
                    Vectors.hex(negative.get("ciphertextHex")));
            SignalException refusal = StepReplay.assertFailsWithoutTrace(receiver, sender, message, name);
            assertThat(receiver.store.loadSession(sender)).as(name).isEmpty();
            if (REASONS.containsKey(name)) {
                assertThat(refusal.reason()).as(name).isEqualTo(REASONS.get(name));
            }
            cases++;
        }
        assertThat(cases).isEqualTo(SignalVectors.file().get("description").get("stats").get("negativeCases").asInt());
        Vectors.report(SignalVectors.FILE, "negativeCases", cases);
    }

    @Test
    void bundlesWithABadSignatureBuildNoSession() {
        int cases = 0;
        for (JsonNode negative : SignalVectors.file().get("negativeBundles")) {
            Party initiator = SignalVectors.partyOf(negative.get("initiator"));
            SignalAddress peer = SignalVectors.partyOf(negative.get("peer")).address;
            PreKeyBundle bundle = SignalVectors.bundle(negative.get("bundle"), peer.deviceId());
            assertThat(bundle.hasValidSignature()).isFalse();
            initiator.keys.script(negative.get("generatedKeyPairs").valueStream().map(SignalVectors::keyPair).toList());
            assertThatThrownBy(() -> initiator.cipher.processBundle(peer, bundle))
                    .isInstanceOfSatisfying(SignalException.class,
                            e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.INVALID_SIGNATURE));
            assertThat(initiator.store.loadSession(peer)).isEmpty();
            assertThat(initiator.keys.remaining()).as("no key generated for a refused bundle")
                    .isEqualTo(negative.get("generatedKeyPairs").size());
            cases++;
        }
        assertThat(cases).isEqualTo(SignalVectors.file().get("description").get("stats").get("negativeBundles").asInt());
        Vectors.report(SignalVectors.FILE, "negativeBundles", cases);
    }

    @Test
    void theGenuineBundlesOfTheTranscriptsVerify() {
        int bundles = 0;
        for (JsonNode conversation : SignalVectors.conversations()) {
            for (JsonNode step : conversation.get("steps")) {
                if ("build-session".equals(step.get("action").asText())) {
                    assertThat(SignalVectors.bundle(step.get("bundle"), 0).hasValidSignature()).isTrue();
                    bundles++;
                }
            }
        }
        Vectors.report(SignalVectors.FILE, "build-session bundles verified", bundles);
    }
}
