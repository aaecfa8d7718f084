package io.wafleet.simulator;

/**
 * Ways the simulated phone can break its {@code pair-success} on purpose, so a client's checks can be
 * tested (Baileys rc14 notices only the HMAC and the missing node; a correct client notices all three).
 */
public enum PairSuccessDefect {
    /** The HMAC is computed with a wrong key: the client must refuse (Baileys: 500 "Invalid account signature"). */
    BAD_HMAC,
    /** The account signature is made by a random key, not the phone's identity key. */
    BAD_ACCOUNT_SIGNATURE,
    /** The {@code <device>} child is left out. */
    MISSING_DEVICE
}
