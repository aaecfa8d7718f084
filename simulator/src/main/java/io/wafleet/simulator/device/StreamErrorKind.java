package io.wafleet.simulator.device;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code <stream:error>} variants WhatsApp sends and clients tell apart (protocol.md §9). Each is
 * addressed by the status code a client reports for it.
 */
public enum StreamErrorKind {
    /** {@code <stream:error code='401'><conflict type='device_removed'/></stream:error>}: logged out. */
    DEVICE_REMOVED(401),
    /** {@code <stream:error><conflict type='replaced'/></stream:error>}: another connection took over. */
    REPLACED(440),
    /** {@code <stream:error code='500'/>}: bad session. */
    INTERNAL(500),
    /** {@code <stream:error code='503'/>}: service unavailable, reconnect. */
    UNAVAILABLE(503),
    /** {@code <stream:error code='515'/>}: restart required (after pairing, or on demand). */
    RESTART_REQUIRED(515);

    private final int code;

    StreamErrorKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<StreamErrorKind> ofCode(int code) {
        return Arrays.stream(values()).filter(kind -> kind.code == code).findFirst();
    }
}
