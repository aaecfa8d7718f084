package io.wafleet.simulator.messaging;

import java.time.Instant;

/** What the server makes of a {@code <message>} a device sent: routable, or refused with an error ack. */
public sealed interface InboundMessage {
    /** Ready to route once acked; opaque to the connection. */
    record Accepted(Envelope envelope) implements InboundMessage {
        /** The instant the connection's ack carries, so the ack and the recipients' copies tell the same time. */
        public Instant acceptedAt() {
            return envelope.acceptedAt();
        }
    }

    /** Refused: the ack carries {@code error='code'}; nothing is routed. */
    record Rejected(int code, String reason) implements InboundMessage {}
}
