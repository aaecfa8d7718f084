package io.wafleet.simulator.device;

import io.wafleet.protocol.crypto.KeyPair;

/**
 * A simulated WhatsApp account's primary phone: its number (digits only), its identity key (which signs
 * every companion it links), its LID user, and how many companions it linked so far (the next device id
 * and key index both derive from it, as both grow by one per link).
 */
public record PhoneAccount(String number, KeyPair identity, String lidUser, int linkedDevices) {
    public PhoneAccount {
        if (!number.matches("[1-9][0-9]{4,14}")) {
            throw new IllegalArgumentException("phone number must be 5 to 15 digits (E.164), no leading zero");
        }
        if (!lidUser.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("LID user must be digits");
        }
    }

    /** Accepts {@code +15550001}, {@code 15550001}, {@code +1 555-0001}: the digits are the number. */
    public static String normalizeNumber(String phone) {
        String digits = phone.replaceAll("[\\s()+.-]", "");
        if (!digits.matches("[1-9][0-9]{4,14}")) {
            throw new IllegalArgumentException("not a phone number: expected 5 to 15 digits (E.164) with an optional leading +");
        }
        return digits;
    }

    public PhoneAccount withOneMoreDevice() {
        return new PhoneAccount(number, identity, lidUser, linkedDevices + 1);
    }

    /** Phone numbers are personal data: shown masked, keys never. */
    @Override
    public String toString() {
        return "PhoneAccount[" + MaskedNumber.of(number) + ", linkedDevices=" + linkedDevices + "]";
    }
}
