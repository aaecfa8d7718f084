package io.wafleet.simulator.peer;

/** A command line the peer cannot act on; reported to the harness as an {@code error} event. */
final class PeerCommandException extends RuntimeException {
    PeerCommandException(String message) {
        super(message);
    }
}
