package io.wafleet.simulator.session;

import io.wafleet.protocol.binary.Node;
import java.util.concurrent.CompletableFuture;

/** A connection that is showing QR codes, as the simulated phone that scans one of them sees it. */
public interface PairingChannel {
    RegistrationRequest registration();

    /**
     * Sends {@code <iq xmlns='md' type='set'>} with the given {@code <pair-success>} child; the future completes
     * with the client's answer to that iq (a result carrying {@code pair-device-sign}, or an error), or
     * exceptionally when the connection closes first.
     */
    CompletableFuture<Node> sendPairSuccess(Node pairSuccess);

    /** The device is stored: end the stream with 515 (restart required), as WhatsApp does after pairing. */
    void pairingCompleted();
}
