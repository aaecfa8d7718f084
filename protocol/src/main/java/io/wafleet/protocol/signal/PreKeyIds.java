package io.wafleet.protocol.signal;

/** Pre-key ids travel as 3-byte big-endian numbers in WhatsApp's key nodes. */
final class PreKeyIds {
    static final int MAX = 0xFFFFFF;

    private PreKeyIds() {}

    static void requireValid(int id, String what) {
        if (id < 0 || id > MAX) {
            throw new IllegalArgumentException(what + " out of range 0.." + MAX + ": " + id);
        }
    }
}
