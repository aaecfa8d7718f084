package io.wafleet.simulator.device;

import io.wafleet.protocol.jid.Jid;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the simulated server knows about one linked companion device: what pairing established (its
 * address, key index, noise key, Signal identity and pre-keys) and what happened since (last login, removal,
 * ban). Immutable; the registry replaces the record on every change.
 *
 * @param noiseKey       the companion's Noise static public key: the handshake must prove it at every login
 * @param signedIdentity the ADVSignedDeviceIdentity the companion countersigned at pairing (encoded)
 */
public record DeviceRecord(
        Jid jid,
        Jid lid,
        String phone,
        int keyIndex,
        byte[] noiseKey,
        byte[] identityKey,
        int registrationId,
        SignedPreKey signedPreKey,
        List<PreKey> preKeys,
        byte[] signedIdentity,
        Instant pairedAt,
        Optional<Instant> lastLoginAt,
        boolean removed,
        Optional<Ban> ban) {

    public DeviceRecord {
        noiseKey = noiseKey.clone();
        identityKey = identityKey.clone();
        signedIdentity = signedIdentity.clone();
        preKeys = List.copyOf(preKeys);
    }

    @Override
    public byte[] noiseKey() {
        return noiseKey.clone();
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    @Override
    public byte[] signedIdentity() {
        return signedIdentity.clone();
    }

    public boolean hasNoiseKey(byte[] candidate) {
        return java.security.MessageDigest.isEqual(noiseKey, candidate);
    }

    public Optional<Ban> activeBan(Instant now) {
        return ban.filter(b -> b.isActive(now));
    }

    public DeviceRecord withLogin(Instant at) {
        return new DeviceRecord(jid, lid, phone, keyIndex, noiseKey, identityKey, registrationId, signedPreKey,
                preKeys, signedIdentity, pairedAt, Optional.of(at), removed, ban);
    }

    public DeviceRecord asRemoved() {
        return new DeviceRecord(jid, lid, phone, keyIndex, noiseKey, identityKey, registrationId, signedPreKey,
                preKeys, signedIdentity, pairedAt, lastLoginAt, true, ban);
    }

    public DeviceRecord withBan(Optional<Ban> newBan) {
        return new DeviceRecord(jid, lid, phone, keyIndex, noiseKey, identityKey, registrationId, signedPreKey,
                preKeys, signedIdentity, pairedAt, lastLoginAt, removed, newBan);
    }

    /** After an upload: the new signed pre-key replaces the old one, the one-time keys are added. */
    public DeviceRecord withUploadedKeys(SignedPreKey newSignedPreKey, List<PreKey> added) {
        List<PreKey> merged = new java.util.ArrayList<>(preKeys);
        java.util.Set<Integer> addedIds = new java.util.HashSet<>();
        added.forEach(key -> addedIds.add(key.id()));
        merged.removeIf(key -> addedIds.contains(key.id()));
        merged.addAll(added);
        return new DeviceRecord(jid, lid, phone, keyIndex, noiseKey, identityKey, registrationId, newSignedPreKey,
                merged, signedIdentity, pairedAt, lastLoginAt, removed, ban);
    }

    /** One-time pre-keys are handed out once: a fetched bundle's key leaves the store. */
    public DeviceRecord withoutPreKey(int id) {
        List<PreKey> remaining = preKeys.stream().filter(key -> key.id() != id).toList();
        return new DeviceRecord(jid, lid, phone, keyIndex, noiseKey, identityKey, registrationId, signedPreKey,
                remaining, signedIdentity, pairedAt, lastLoginAt, removed, ban);
    }

    /** Keys and phone numbers stay out of logs. */
    @Override
    public String toString() {
        return "DeviceRecord[device=" + jid.deviceId() + " of " + MaskedNumber.of(phone) + ", keyIndex=" + keyIndex
                + ", removed=" + removed + ", preKeys=" + preKeys.size() + "]";
    }
}
