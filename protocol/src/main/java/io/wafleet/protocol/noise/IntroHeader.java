package io.wafleet.protocol.noise;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The bytes a client sends once, in front of its first frame.
 *
 * <ul>
 *   <li>Without routing info: the WA header {@code 57 41 06 03} ('W' 'A', magic 6, token dictionary 3).</li>
 *   <li>With routing info (delivered earlier by the server in {@code <edge_routing>}): {@code 45 44 00 01}
 *       ('E' 'D' 0 1), the routing info length as 3 bytes big-endian, the routing info, then the WA header.</li>
 * </ul>
 *
 * The Noise prologue is the bare WA header in both cases.
 */
public final class IntroHeader {
    private static final byte[] WA_HEADER = {0x57, 0x41, 0x06, 0x03};
    private static final byte[] EDGE_ROUTING_PREFIX = {0x45, 0x44, 0x00, 0x01};

    /**
     * Largest routing info accepted or produced. Real values are a few dozen bytes; the 3-byte length field could
     * announce 16 MiB, which a server must not buffer for an unauthenticated peer.
     */
    public static final int MAX_ROUTING_INFO_LENGTH = 4096;

    private final byte[] routingInfo;

    private IntroHeader(byte[] routingInfo) {
        this.routingInfo = routingInfo;
    }

    /** The plain 4-byte header. */
    public static IntroHeader plain() {
        return new IntroHeader(null);
    }

    public static IntroHeader withRoutingInfo(byte[] routingInfo) {
        if (routingInfo.length > MAX_ROUTING_INFO_LENGTH) {
            throw new IllegalArgumentException("routing info of " + routingInfo.length + " bytes exceeds " + MAX_ROUTING_INFO_LENGTH);
        }
        return new IntroHeader(routingInfo.clone());
    }

    /** The client's choice: the routing form when it holds routing info, the plain form otherwise. */
    public static IntroHeader forRoutingInfo(Optional<byte[]> routingInfo) {
        return routingInfo.map(IntroHeader::withRoutingInfo).orElseGet(IntroHeader::plain);
    }

    /** {@code 57 41 06 03}, the Noise prologue (a copy). */
    public static byte[] waHeader() {
        return WA_HEADER.clone();
    }

    static byte[] edgeRoutingPrefix() {
        return EDGE_ROUTING_PREFIX.clone();
    }

    public Optional<byte[]> routingInfo() {
        return Optional.ofNullable(routingInfo).map(byte[]::clone);
    }

    public byte[] encode() {
        if (routingInfo == null) {
            return waHeader();
        }
        byte[] out = new byte[EDGE_ROUTING_PREFIX.length + 3 + routingInfo.length + WA_HEADER.length];
        System.arraycopy(EDGE_ROUTING_PREFIX, 0, out, 0, EDGE_ROUTING_PREFIX.length);
        Frames.writeLength(out, EDGE_ROUTING_PREFIX.length, routingInfo.length);
        System.arraycopy(routingInfo, 0, out, EDGE_ROUTING_PREFIX.length + 3, routingInfo.length);
        System.arraycopy(WA_HEADER, 0, out, out.length - WA_HEADER.length, WA_HEADER.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntroHeader other && Arrays.equals(routingInfo, other.routingInfo);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(routingInfo);
    }

    @Override
    public String toString() {
        return routingInfo == null ? "IntroHeader[WA]" : "IntroHeader[ED, routingInfo=" + HexFormat.of().formatHex(routingInfo) + "]";
    }
}
