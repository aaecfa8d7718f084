package io.wafleet.protocol.noise;

import java.util.Arrays;

/**
 * The two AES-256-GCM keys the handshake ends with, one per direction. Each side turns them into a pair of
 * {@link TransportCipher}s with {@link #clientCiphers()} or {@link #serverCiphers()}, so neither can pick the
 * wrong direction.
 */
public record TransportKeys(byte[] clientToServer, byte[] serverToClient) {
    public TransportKeys {
        if (clientToServer.length != 32 || serverToClient.length != 32) {
            throw new IllegalArgumentException("transport keys are 32 bytes each");
        }
        clientToServer = clientToServer.clone();
        serverToClient = serverToClient.clone();
    }

    @Override
    public byte[] clientToServer() {
        return clientToServer.clone();
    }

    @Override
    public byte[] serverToClient() {
        return serverToClient.clone();
    }

    /** The client sends with the client→server key and receives with the server→client key. */
    public TransportCiphers clientCiphers() {
        return new TransportCiphers(new TransportCipher(clientToServer), new TransportCipher(serverToClient));
    }

    /** The server sends with the server→client key and receives with the client→server key. */
    public TransportCiphers serverCiphers() {
        return new TransportCiphers(new TransportCipher(serverToClient), new TransportCipher(clientToServer));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportKeys other
                && Arrays.equals(clientToServer, other.clientToServer)
                && Arrays.equals(serverToClient, other.serverToClient);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(clientToServer) + Arrays.hashCode(serverToClient);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "TransportKeys[redacted]";
    }
}
