package io.wafleet.simulator.websocket;

/** The RFC 6455 close codes this server uses. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reported to the listener when the TCP connection ended without a close frame; never sent. */
    public static final int ABNORMAL = 1006;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {}
}
