package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.KeyPair;
import java.util.Objects;

/** One of our one-time pre-keys: uploaded once, consumed by the first pkmsg that names it. */
public record OneTimePreKey(int id, KeyPair keyPair) {
    public OneTimePreKey {
        PreKeyIds.requireValid(id, "pre-key id");
        Objects.requireNonNull(keyPair, "keyPair");
    }
}
