package io.wafleet.protocol.crypto;

import java.math.BigInteger;

/**
 * Computes k·B for the Ed25519 base point B from a table of j·16^i·B (i &lt; 64, 1 ≤ j ≤ 15), so a
 * multiplication is at most 64 mixed additions instead of about 380 doublings and additions. The table
 * (960 points) is built once, on the first signature.
 */
final class FixedBaseMultiplier {
    private static final int WINDOW_BITS = 4;
    private static final int WINDOWS = 256 / WINDOW_BITS;
    private static final int ENTRIES = (1 << WINDOW_BITS) - 1;

    private FixedBaseMultiplier() {}

    /** k·B for 0 ≤ k &lt; 2^256. */
    static EdwardsPoint multiply(BigInteger k) {
        if (k.signum() < 0 || k.bitLength() > 256) {
            throw new IllegalArgumentException("scalar out of range");
        }
        EdwardsPoint.Precomputed[][] table = Table.ENTRIES_BY_WINDOW;
        EdwardsPoint result = EdwardsPoint.IDENTITY;
        for (int window = 0; window < WINDOWS; window++) {
            int digit = 0;
            for (int bit = WINDOW_BITS - 1; bit >= 0; bit--) {
                digit = (digit << 1) | (k.testBit(window * WINDOW_BITS + bit) ? 1 : 0);
            }
            if (digit != 0) {
                result = result.plus(table[window][digit - 1]);
            }
        }
        return result;
    }

    /** Holder idiom: the table is built on first use, thread-safely, and only by processes that sign. */
    private static final class Table {
        static final EdwardsPoint.Precomputed[][] ENTRIES_BY_WINDOW = build();

        private static EdwardsPoint.Precomputed[][] build() {
            EdwardsPoint.Precomputed[][] table = new EdwardsPoint.Precomputed[WINDOWS][ENTRIES];
            EdwardsPoint windowBase = EdwardsPoint.BASE; // 16^window · B
            for (int window = 0; window < WINDOWS; window++) {
                EdwardsPoint multiple = windowBase;
                for (int j = 0; j < ENTRIES; j++) {
                    table[window][j] = multiple.precompute();
                    multiple = multiple.plus(windowBase);
                }
                windowBase = multiple; // 16 · windowBase
            }
            return table;
        }
    }
}
