package io.wafleet.protocol.noise;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the server learns from a ClientFinish: the client's noise static public key (authenticated by the
 * handshake; it identifies the companion device at login) and the ClientPayload protobuf, still encoded.
 */
public record ClientFinished(byte[] clientStaticKey, byte[] clientPayload) {
    public ClientFinished {
        clientStaticKey = clientStaticKey.clone();
        clientPayload = clientPayload.clone();
    }

    @Override
    public byte[] clientStaticKey() {
        return clientStaticKey.clone();
    }

    @Override
    public byte[] clientPayload() {
        return clientPayload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientFinished other
                && Arrays.equals(clientStaticKey, other.clientStaticKey)
                && Arrays.equals(clientPayload, other.clientPayload);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(clientStaticKey) + Arrays.hashCode(clientPayload);
    }

    /** The payload may carry registration secrets, so only its size is shown. */
    @Override
    public String toString() {
        return "ClientFinished[clientStaticKey=" + HexFormat.of().formatHex(clientStaticKey) + ", clientPayload=" + clientPayload.length + " bytes]";
    }
}
