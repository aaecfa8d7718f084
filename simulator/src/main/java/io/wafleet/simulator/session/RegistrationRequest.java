package io.wafleet.simulator.session;

import io.wafleet.simulator.device.SignedPreKey;

/**
 * What a new companion declared at registration (ClientPayload.devicePairingData) plus the noise key its
 * handshake proved: the phone checks the QR against these and the server stores them once linked.
 */
public record RegistrationRequest(byte[] noiseKey, byte[] identityKey, int registrationId, SignedPreKey signedPreKey) {
    public RegistrationRequest {
        noiseKey = noiseKey.clone();
        identityKey = identityKey.clone();
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
    public String toString() {
        return "RegistrationRequest[registrationId=" + registrationId + "]";
    }
}
