package io.wafleet.simulator.session;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Where a scanned QR ref finds the connection that showed it. Refs are opaque ASCII ({@code 2@...}). */
public final class PairingDesk {
    private final ConcurrentMap<String, PairingChannel> byRef = new ConcurrentHashMap<>();

    void open(List<byte[]> refs, PairingChannel channel) {
        refs.forEach(ref -> byRef.put(text(ref), channel));
    }

    void close(PairingChannel channel) {
        byRef.values().removeIf(candidate -> candidate == channel);
    }

    public Optional<PairingChannel> find(String ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    /** How many connections are currently waiting for a scan. */
    public int waiting() {
        return (int) byRef.values().stream().distinct().count();
    }

    /** A ref as WhatsApp makes them: {@code 2@} followed by 48 random bytes in base64. */
    static byte[] newRef(java.security.SecureRandom random) {
        byte[] secret = new byte[48];
        random.nextBytes(secret);
        return ("2@" + Base64.getEncoder().encodeToString(secret)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static String text(byte[] ref) {
        return new String(ref, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
