package io.wafleet.protocol.store;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.crypto.XEdDsa;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's long-term credentials: the keys made before the first QR, and what pairing adds ({@code me},
 * the signed device identity, the primary phone's identity key). Immutable; change it with {@link #toBuilder()}.
 *
 * <p>{@link #toString()} shows no private key, secret or phone number.
 *
 * @param noiseKey static key of the Noise handshake
 * @param signedIdentityKey the Signal identity key
 * @param signedPreKey the current signed pre-key
 * @param registrationId Signal registration id, 14 bits
 * @param advSecretKey 32-byte secret that authenticates the device identity the phone sends at pairing
 * @param me who we are, once paired
 * @param account the {@code ADVSignedDeviceIdentity} bytes from pairing, re-sent at every login
 * @param platform the primary device's platform, as pairing reported it
 * @param routingInfo the edge routing token the server last sent, echoed on the next connect
 * @param nextPreKeyId the id the next generated one-time pre-key gets
 * @param firstUnuploadedPreKeyId the first one-time pre-key id not yet uploaded to the server
 * @param signalIdentities identity keys learnt at pairing (our primary phone's)
 */
public record Credentials(
        KeyPair noiseKey,
        KeyPair signedIdentityKey,
        SignedPreKeyPair signedPreKey,
        int registrationId,
        byte[] advSecretKey,
        Optional<Me> me,
        Optional<byte[]> account,
        Optional<String> platform,
        Optional<byte[]> routingInfo,
        int nextPreKeyId,
        int firstUnuploadedPreKeyId,
        List<SignalIdentity> signalIdentities) {

    /** Signal key ids are 24-bit. */
    public static final int MAX_KEY_ID = 0xFF_FFFF;
    public static final int MAX_REGISTRATION_ID = 16383;
    public static final int ADV_SECRET_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public Credentials {
        Objects.requireNonNull(noiseKey, "noiseKey");
        Objects.requireNonNull(signedIdentityKey, "signedIdentityKey");
        Objects.requireNonNull(signedPreKey, "signedPreKey");
        if (registrationId < 0 || registrationId > MAX_REGISTRATION_ID) {
            throw new IllegalArgumentException("registration id must be 0.." + MAX_REGISTRATION_ID + ", got " + registrationId);
        }
        if (advSecretKey.length != ADV_SECRET_LENGTH) {
            throw new IllegalArgumentException("adv secret must be " + ADV_SECRET_LENGTH + " bytes, got " + advSecretKey.length);
        }
        advSecretKey = advSecretKey.clone();
        Objects.requireNonNull(me, "me");
        account = account.map(byte[]::clone);
        Objects.requireNonNull(platform, "platform");
        routingInfo = routingInfo.map(byte[]::clone);
        if (nextPreKeyId < 0 || nextPreKeyId > MAX_KEY_ID + 1) {
            throw new IllegalArgumentException("next pre-key id out of range: " + nextPreKeyId);
        }
        if (firstUnuploadedPreKeyId < 0 || firstUnuploadedPreKeyId > MAX_KEY_ID + 1) {
            throw new IllegalArgumentException("first unuploaded pre-key id out of range: " + firstUnuploadedPreKeyId);
        }
        signalIdentities = List.copyOf(signalIdentities);
    }

    /**
     * Fresh credentials for an account that has never paired: new Noise, identity and signed pre-key pairs, the
     * pre-key signed by the identity key over its 0x05-prefixed public key, a random 14-bit registration id and a
     * random adv secret. Pre-key ids start at 1, as WhatsApp Web numbers them.
     */
    public static Credentials generate() {
        KeyPair identity = X25519.generateKeyPair();
        KeyPair preKeyPair = X25519.generateKeyPair();
        byte[] signature = XEdDsa.sign(identity.privateKey(), X25519.withTypePrefix(preKeyPair.publicKey()));
        byte[] advSecret = new byte[ADV_SECRET_LENGTH];
        RANDOM.nextBytes(advSecret);
        return new Credentials(
                X25519.generateKeyPair(),
                identity,
                new SignedPreKeyPair(1, preKeyPair, signature),
                RANDOM.nextInt(MAX_REGISTRATION_ID + 1),
                advSecret,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                1,
                1,
                List.of());
    }

    public boolean isPaired() {
        return me.isPresent();
    }

    @Override
    public byte[] advSecretKey() {
        return advSecretKey.clone();
    }

    @Override
    public Optional<byte[]> account() {
        return account.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> routingInfo() {
        return routingInfo.map(byte[]::clone);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials other
                && noiseKey.equals(other.noiseKey)
                && signedIdentityKey.equals(other.signedIdentityKey)
                && signedPreKey.equals(other.signedPreKey)
                && registrationId == other.registrationId
                && Arrays.equals(advSecretKey, other.advSecretKey)
                && me.equals(other.me)
                && sameBytes(account, other.account)
                && platform.equals(other.platform)
                && sameBytes(routingInfo, other.routingInfo)
                && nextPreKeyId == other.nextPreKeyId
                && firstUnuploadedPreKeyId == other.firstUnuploadedPreKeyId
                && signalIdentities.equals(other.signalIdentities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signedIdentityKey, registrationId, nextPreKeyId);
    }

    @Override
    public String toString() {
        return "Credentials[registrationId=" + registrationId
                + ", identity=" + signedIdentityKey
                + ", signedPreKeyId=" + signedPreKey.id()
                + ", me=" + me.map(Me::toString).orElse("unpaired")
                + ", platform=" + platform.orElse("-")
                + ", nextPreKeyId=" + nextPreKeyId
                + ", firstUnuploadedPreKeyId=" + firstUnuploadedPreKeyId + "]";
    }

    private static boolean sameBytes(Optional<byte[]> a, Optional<byte[]> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
    }

    /** Copies credentials with some fields changed; {@link #build()} validates like the constructor. */
    public static final class Builder {
        private final KeyPair noiseKey;
        private final KeyPair signedIdentityKey;
        private SignedPreKeyPair signedPreKey;
        private final int registrationId;
        private final byte[] advSecretKey;
        private Optional<Me> me;
        private Optional<byte[]> account;
        private Optional<String> platform;
        private Optional<byte[]> routingInfo;
        private int nextPreKeyId;
        private int firstUnuploadedPreKeyId;
        private List<SignalIdentity> signalIdentities;

        private Builder(Credentials from) {
            noiseKey = from.noiseKey;
            signedIdentityKey = from.signedIdentityKey;
            signedPreKey = from.signedPreKey;
            registrationId = from.registrationId;
            advSecretKey = from.advSecretKey;
            me = from.me;
            account = from.account;
            platform = from.platform;
            routingInfo = from.routingInfo;
            nextPreKeyId = from.nextPreKeyId;
            firstUnuploadedPreKeyId = from.firstUnuploadedPreKeyId;
            signalIdentities = from.signalIdentities;
        }

        public Builder signedPreKey(SignedPreKeyPair value) {
            signedPreKey = value;
            return this;
        }

        public Builder me(Me value) {
            me = Optional.of(value);
            return this;
        }

        public Builder account(byte[] value) {
            account = Optional.of(value);
            return this;
        }

        public Builder platform(String value) {
            platform = Optional.of(value);
            return this;
        }

        public Builder routingInfo(byte[] value) {
            routingInfo = Optional.of(value);
            return this;
        }

        public Builder nextPreKeyId(int value) {
            nextPreKeyId = value;
            return this;
        }

        public Builder firstUnuploadedPreKeyId(int value) {
            firstUnuploadedPreKeyId = value;
            return this;
        }

        public Builder signalIdentities(List<SignalIdentity> value) {
            signalIdentities = value;
            return this;
        }

        public Credentials build() {
            return new Credentials(noiseKey, signedIdentityKey, signedPreKey, registrationId, advSecretKey, me,
                    account, platform, routingInfo, nextPreKeyId, firstUnuploadedPreKeyId, signalIdentities);
        }
    }
}
