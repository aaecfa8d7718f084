package io.wafleet.simulator.session;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.simulator.device.Ban;
import io.wafleet.simulator.device.StreamErrorKind;
import java.time.Instant;
import java.util.List;

/**
 * The stanzas the server sends, in the exact shapes WhatsApp uses (protocol.md §5, §6, §9; whatsmeow's
 * connectionevents.go for failures and bans). The server's own address is always {@code @s.whatsapp.net}
 * (a JID_PAIR with an empty user): whatsmeow ignores a stanza whose {@code from} is anything else.
 */
public final class Stanzas {
    /** {@code @s.whatsapp.net}, which the encoder writes as a JID_PAIR with an empty user. */
    public static final String SERVER = Jid.SERVER.toString();

    private Stanzas() {}

    public static Node iqResult(String id) {
        return Node.of("iq", "from", SERVER, "type", "result", "id", id);
    }

    public static Node iqResult(String id, Node child) {
        return Node.builder("iq").attr("from", SERVER).attr("type", "result").attr("id", id).child(child).build();
    }

    public static Node iqError(String id, int code, String text) {
        return Node.builder("iq").attr("from", SERVER).attr("type", "error").attr("id", id)
                .child(Node.of("error", "code", Integer.toString(code), "text", text)).build();
    }

    /** A server-initiated {@code <iq type='set' xmlns='md'>} carrying one child (pair-device, pair-success). */
    public static Node mdSet(String id, Instant now, Node child) {
        return Node.builder("iq").attr("from", SERVER).attr("type", "set").attr("id", id).attr("xmlns", "md")
                .attr("t", seconds(now)).child(child).build();
    }

    /** Six QR refs, as bytes: a string containing {@code @} would be encoded as a JID. */
    public static Node pairDevice(List<byte[]> refs) {
        Node.Builder pairDevice = Node.builder("pair-device");
        refs.forEach(ref -> pairDevice.child(Node.builder("ref").bytes(ref).build()));
        return pairDevice.build();
    }

    public static Node success(Instant now, Instant createdAt, Jid lid) {
        return Node.of("success",
                "t", seconds(now),
                "props", "1",
                "abprops", "1",
                "location", "sim",
                "creation", seconds(createdAt),
                "lid", lid.toString());
    }

    /** {@code <failure reason='N'/>}: 401 for an unknown or removed device, 403 locked, and so on. */
    public static Node failure(int reason) {
        return Node.of("failure", "reason", Integer.toString(reason), "location", "sim");
    }

    /**
     * A ban as whatsmeow reads it: temporary is {@code reason='402'} with the ban {@code code} and the seconds
     * until it lifts in {@code expire}; permanent is {@code reason='406'} (WhatsApp Web calls it BANNED).
     */
    public static Node banFailure(Ban ban, Instant now) {
        if (ban.isPermanent()) {
            return failure(Ban.PERMANENT_REASON);
        }
        return Node.of("failure",
                "reason", Integer.toString(Ban.TEMPORARY_REASON),
                "code", Integer.toString(ban.code()),
                "expire", Long.toString(ban.secondsLeft(now)),
                "location", "sim");
    }

    public static Node streamError(StreamErrorKind kind) {
        return switch (kind) {
            case DEVICE_REMOVED -> Node.builder("stream:error").attr("code", "401")
                    .child(Node.of("conflict", "type", "device_removed")).build();
            case REPLACED -> Node.builder("stream:error").child(Node.of("conflict", "type", "replaced")).build();
            case INTERNAL, UNAVAILABLE, RESTART_REQUIRED -> Node.of("stream:error", "code", Integer.toString(kind.code()));
        };
    }

    /** The end of the XML stream; the client treats the connection as closed by the server. */
    public static Node streamEnd() {
        return Node.of("xmlstreamend");
    }

    /** Tells a client that went active that the messages queued while it was offline were all delivered. */
    public static Node offlineDone(int delivered) {
        return Node.builder("ib").attr("from", SERVER).child(Node.of("offline", "count", Integer.toString(delivered))).build();
    }

    static String seconds(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }
}
