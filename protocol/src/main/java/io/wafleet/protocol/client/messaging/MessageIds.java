package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.crypto.CryptoRandom;
import io.wafleet.protocol.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Message ids in WhatsApp Web's shape: {@code 3EB0} followed by 18 upper-case hex digits, the first 9 bytes of
 * SHA-256 over the time, our user and 16 random bytes. The random part alone makes two ids of one account
 * collide with probability 2^-72 per pair; time and user only spread ids across accounts sharing a generator.
 *
 * <p>Callers that must resend after a crash generate the id once, store it with the message, and pass it to
 * every attempt, so the recipient sees one message however often it was sent.
 */
public final class MessageIds {
    public static final String PREFIX = "3EB0";
    private static final int HASH_BYTES = 9;

    private final String ownUser;
    private final InstantSource clock;

    public MessageIds(String ownUser, InstantSource clock) {
        this.ownUser = Objects.requireNonNull(ownUser, "ownUser");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String next() {
        byte[] user = ownUser.getBytes(StandardCharsets.UTF_8);
        byte[] input = ByteBuffer.allocate(Long.BYTES + user.length + 16)
                .putLong(clock.millis()).put(user).put(CryptoRandom.bytes(16)).array();
        byte[] hash = Hashes.sha256(input);
        return PREFIX + HexFormat.of().withUpperCase().formatHex(hash, 0, HASH_BYTES);
    }

    /** True for an id this class could have generated (used to spot our own echoes in tests and logs). */
    public static boolean looksGenerated(String id) {
        return id.length() == PREFIX.length() + 2 * HASH_BYTES && id.startsWith(PREFIX)
                && id.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'));
    }
}
