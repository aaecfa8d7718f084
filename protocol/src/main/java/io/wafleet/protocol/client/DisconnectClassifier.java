package io.wafleet.protocol.client;

import io.wafleet.protocol.client.DisconnectReason.Category;
import java.time.Instant;
import java.util.Optional;

/**
 * The single place where WhatsApp's ways of ending a connection become a {@link DisconnectReason}.
 *
 * <p>Codes follow WhatsApp Web's failure reasons (as whatsmeow names them) and, for transport losses, the status
 * codes Baileys reports, so logs read the same as the Node service operators know: 428 for a closed socket or
 * {@code <xmlstreamend/>}, 408 for a silent peer or a timed-out connect.
 */
public final class DisconnectClassifier {
    public static final int CONNECTION_CLOSED = 428;
    public static final int CONNECTION_LOST = 408;
    /** The detail of a dead-peer close; it becomes a {@link ClientEvent.KeepAliveTimeout}. */
    public static final String KEEPALIVE_TIMEOUT = "keepalive-timeout";

    private DisconnectClassifier() {}

    /**
     * A {@code <stream:error>}: the {@code code} attribute when present, else 440 for a {@code <conflict>} child,
     * else 500; a 401 with {@code <conflict type='device_removed'/>} is a logout, {@code type='replaced'} is a
     * replacement whatever the code.
     */
    public static DisconnectReason streamError(Optional<String> code, Optional<String> firstChildTag, Optional<String> conflictType) {
        if (conflictType.filter("replaced"::equals).isPresent()) {
            return DisconnectReason.of(Category.STREAM_REPLACED, 440, "conflict:replaced");
        }
        String child = firstChildTag.orElse("");
        int status = code.flatMap(DisconnectClassifier::parseCode).orElse(child.equals("conflict") ? 440 : 500);
        String detail = conflictType.map(t -> "conflict:" + t).orElse(child.isEmpty() ? "stream-error" : child);
        return byStatus(status, detail, Optional.empty());
    }

    /**
     * A {@code <failure reason=…>} at login. A temporary ban (402) carries {@code expire} in seconds from
     * {@code now}; without it the ban's end is unknown and the caller decides how long to wait.
     */
    public static DisconnectReason failure(Optional<String> reason, Optional<String> expireSeconds, Optional<String> banCode, Instant now) {
        int status = reason.flatMap(DisconnectClassifier::parseCode).orElse(500);
        Optional<Instant> until = status == 402
                ? expireSeconds.flatMap(DisconnectClassifier::parseCode).filter(s -> s > 0).map(now::plusSeconds)
                : Optional.empty();
        String detail = "failure" + banCode.map(c -> ":ban-code-" + c).orElse("");
        return byStatus(status, detail, until);
    }

    /** The server sent {@code <xmlstreamend/>}. */
    public static DisconnectReason streamEnd() {
        return DisconnectReason.of(Category.TRANSIENT, CONNECTION_CLOSED, "xmlstreamend");
    }

    /** The socket closed or failed without a word from WhatsApp. */
    public static DisconnectReason transportClosed(String detail) {
        return DisconnectReason.of(Category.TRANSIENT, CONNECTION_CLOSED, detail);
    }

    /** Nothing arrived from the peer for longer than the dead-peer bound. */
    public static DisconnectReason keepAliveTimeout() {
        return DisconnectReason.of(Category.TRANSIENT, CONNECTION_LOST, KEEPALIVE_TIMEOUT);
    }

    /** The socket, handshake or login did not complete within the connect timeout. */
    public static DisconnectReason connectTimeout(String stage) {
        return DisconnectReason.of(Category.TRANSIENT, CONNECTION_LOST, "connect-timeout:" + stage);
    }

    /** Every QR ref offered by the server expired without a scan. */
    public static DisconnectReason qrRefsExhausted() {
        return DisconnectReason.of(Category.TRANSIENT, CONNECTION_LOST, "qr-refs-exhausted");
    }

    static DisconnectReason byStatus(int status, String detail, Optional<Instant> until) {
        Category category = switch (status) {
            case 515 -> Category.RESTART_REQUIRED;
            case 440 -> Category.STREAM_REPLACED;
            case 401, 403, 411 -> Category.LOGGED_OUT;
            case 402 -> Category.TEMPORARILY_BANNED;
            case 406 -> Category.BANNED;
            case 405 -> Category.CLIENT_OUTDATED;
            // 408, 428, 500, 503 and anything unknown: a transient loss. Reconnecting with backoff is the only
            // reaction that never strands an account; the permanent cases above are the known exceptions.
            default -> Category.TRANSIENT;
        };
        return new DisconnectReason(category, status, detail, until);
    }

    private static Optional<Integer> parseCode(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
