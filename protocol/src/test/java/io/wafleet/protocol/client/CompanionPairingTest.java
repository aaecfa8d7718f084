package io.wafleet.protocol.client;

import static io.wafleet.protocol.crypto.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.Hashes;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.crypto.XEdDsa;
import io.wafleet.protocol.proto.ADVDeviceIdentity;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentity;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentityHMAC;
import io.wafleet.protocol.store.Credentials;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CompanionPairingTest {
    private static final String JID = "15550000001:1@s.whatsapp.net";
    private static final String LID = "100000000000001:1@lid";

    private final Credentials companion = Credentials.generate();
    private final KeyPair phone = X25519.generateKeyPair();

    @Test
    void acceptsAGenuinePairSuccessAndSignsTheDeviceIdentity() throws Exception {
        byte[] details = details(7);
        Node iq = pairSuccess(signedIdentity(details, accountSignature(details, phone)), companion.advSecretKey(), UnaryOperator.identity());

        CompanionPairing.Outcome outcome = CompanionPairing.complete(iq, companion);

        assertThat(outcome.credentials().me()).hasValueSatisfying(me -> {
            assertThat(me.jid()).isEqualTo(JID);
            assertThat(me.lid()).contains(LID);
        });
        assertThat(outcome.credentials().platform()).contains("android");
        assertThat(outcome.credentials().signalIdentities()).singleElement()
                .satisfies(id -> assertThat(id.identityKey()).isEqualTo(phone.publicKey()));
        assertThat(outcome.paired().jid()).isEqualTo(JID);

        Node reply = outcome.reply();
        assertThat(reply.attr("type")).contains("result");
        assertThat(reply.attr("id")).contains("pair-1");
        Node identityNode = reply.child("pair-device-sign").flatMap(n -> n.child("device-identity")).orElseThrow();
        assertThat(identityNode.attr("key-index")).contains("7");
        ADVSignedDeviceIdentity answer = ADVSignedDeviceIdentity.parseFrom(identityNode.contentBytes().orElseThrow());
        assertThat(answer.hasAccountSignatureKey()).as("the answer leaves the account key out").isFalse();
        assertThat(answer.getDetails().toByteArray()).isEqualTo(details);
        byte[] deviceMessage = concat(new byte[] {6, 1}, details, companion.signedIdentityKey().publicKey(), phone.publicKey());
        assertThat(XEdDsa.verify(companion.signedIdentityKey().publicKey(), deviceMessage,
                answer.getDeviceSignature().toByteArray())).isTrue();

        ADVSignedDeviceIdentity kept = ADVSignedDeviceIdentity.parseFrom(outcome.credentials().account().orElseThrow());
        assertThat(kept.getAccountSignatureKey().toByteArray()).isEqualTo(phone.publicKey());
        assertThat(kept.getDeviceSignature()).isEqualTo(answer.getDeviceSignature());
    }

    @Test
    void refusesAnHmacMadeWithAnotherSecret() {
        byte[] details = details(1);
        byte[] wrongSecret = new byte[32];
        Node iq = pairSuccess(signedIdentity(details, accountSignature(details, phone)), wrongSecret, UnaryOperator.identity());
        assertThatThrownBy(() -> CompanionPairing.complete(iq, companion))
                .isInstanceOf(PairingException.class).hasMessageContaining("HMAC");
    }

    @Test
    void refusesAnAccountSignatureByAnotherKey() {
        byte[] details = details(1);
        KeyPair impostor = X25519.generateKeyPair();
        // Signed by the impostor but claiming the phone's key: Baileys accepts this, we must not.
        Node iq = pairSuccess(signedIdentity(details, accountSignature(details, impostor)), companion.advSecretKey(), UnaryOperator.identity());
        assertThatThrownBy(() -> CompanionPairing.complete(iq, companion))
                .isInstanceOf(PairingException.class).hasMessageContaining("account signature");
    }

    @Test
    void refusesAPairSuccessWithoutDevice() {
        byte[] details = details(1);
        Node iq = pairSuccess(signedIdentity(details, accountSignature(details, phone)), companion.advSecretKey(),
                success -> Node.builder("pair-success").children(success.children().stream()
                        .filter(n -> !n.tag().equals("device")).toList()).build());
        assertThatThrownBy(() -> CompanionPairing.complete(iq, companion))
                .isInstanceOf(PairingException.class).hasMessageContaining("without device");
    }

    @Test
    void refusesGarbageInsteadOfAProtobuf() {
        Node iq = pairSuccess(new byte[] {(byte) 0xff, 1, 2, 3}, companion.advSecretKey(), UnaryOperator.identity());
        assertThatThrownBy(() -> CompanionPairing.complete(iq, companion)).isInstanceOf(PairingException.class);
    }

    @Test
    void refusalIsAnErrorIqForTheSameId() {
        Node refusal = CompanionPairing.refusal(Node.of("iq", "id", "pair-9", "type", "set"));
        assertThat(refusal.attr("type")).contains("error");
        assertThat(refusal.attr("id")).contains("pair-9");
        assertThat(refusal.child("error").flatMap(e -> e.attr("code"))).contains("401");
    }

    private byte[] details(int keyIndex) {
        return ADVDeviceIdentity.newBuilder().setRawId(42).setTimestamp(1_700_000_000L).setKeyIndex(keyIndex).build().toByteArray();
    }

    private byte[] accountSignature(byte[] details, KeyPair signer) {
        return XEdDsa.sign(signer.privateKey(), concat(new byte[] {6, 0}, details, companion.signedIdentityKey().publicKey()));
    }

    private byte[] signedIdentity(byte[] details, byte[] accountSignature) {
        return ADVSignedDeviceIdentity.newBuilder()
                .setDetails(ByteString.copyFrom(details))
                .setAccountSignatureKey(ByteString.copyFrom(phone.publicKey()))
                .setAccountSignature(ByteString.copyFrom(accountSignature))
                .build().toByteArray();
    }

    private static Node pairSuccess(byte[] signed, byte[] advSecret, UnaryOperator<Node> edit) {
        byte[] container = ADVSignedDeviceIdentityHMAC.newBuilder()
                .setDetails(ByteString.copyFrom(signed))
                .setHmac(ByteString.copyFrom(Hashes.hmacSha256(advSecret, signed)))
                .build().toByteArray();
        Node success = Node.builder("pair-success")
                .child(Node.builder("device-identity").attr("key-index", "7").bytes(container).build())
                .child(Node.of("platform", "name", "android"))
                .child(Node.of("device", "jid", JID, "lid", LID))
                .build();
        return Node.builder("iq").attr("from", "@s.whatsapp.net").attr("type", "set").attr("id", "pair-1")
                .attr("xmlns", "md").child(edit.apply(success)).build();
    }
}
