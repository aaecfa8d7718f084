package io.wafleet.simulator.device;

/** Masks a phone number for logs: the first two and last two digits stay, as {@code +15*****01}. */
public final class MaskedNumber {
    private MaskedNumber() {}

    public static String of(String digits) {
        if (digits.length() <= 4) {
            return "+" + "*".repeat(digits.length());
        }
        return "+" + digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }
}
