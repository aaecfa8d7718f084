package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;

/**
 * Where the Signal code gets the key pairs it generates (base keys and ratchet keys). Production uses
 * {@link #random()}; tests inject the keys libsignal generated so that ciphertexts can be compared byte for byte.
 */
@FunctionalInterface
public interface KeyPairSource {
    KeyPair next();

    static KeyPairSource random() {
        return X25519::generateKeyPair;
    }
}
