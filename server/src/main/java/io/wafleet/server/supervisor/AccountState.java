package io.wafleet.server.supervisor;

/** The account state model of DESIGN §2; each state tells the operator whether a human is needed. */
public enum AccountState {
    /** Stopped by the operator, never started, or stopped after a QR timeout. */
    STOPPED(false),
    /** Socket, handshake or login in flight (bounded by the connect timeout). */
    CONNECTING(false),
    /** No credentials: QR codes are being offered until they are scanned or time out. */
    QR_REQUIRED(true),
    /** Logged in. */
    CONNECTED(false),
    /** Transient loss: reconnecting with backoff, forever. */
    DISCONNECTED(false),
    /** The credentials no longer work; a new link (QR) is needed. */
    LOGGED_OUT(true),
    /** Temporarily or permanently banned. */
    BANNED(true),
    /** Another client uses these credentials. */
    CONFLICT(true);

    private final boolean needsHuman;

    AccountState(boolean needsHuman) {
        this.needsHuman = needsHuman;
    }

    public boolean needsHuman() {
        return needsHuman;
    }
}
