package io.wafleet.protocol.jid;

/**
 * The log policy for phone numbers inside JIDs: keep the first three and last two digits of the user part (before
 * any {@code :device} and the server) and star the rest, so {@code 40712345612:3@s.whatsapp.net} reads
 * {@code 407******12:3@s.whatsapp.net}. Every toString() that could carry an account's JID goes through here.
 */
public final class JidMasking {
    private JidMasking() {}

    public static String mask(String jid) {
        int end = jid.length();
        for (int i = 0; i < jid.length(); i++) {
            if (jid.charAt(i) == ':' || jid.charAt(i) == '@') {
                end = i;
                break;
            }
        }
        StringBuilder masked = new StringBuilder(jid.length());
        for (int i = 0; i < end; i++) {
            char c = jid.charAt(i);
            masked.append(i < 3 || i >= end - 2 || !Character.isDigit(c) ? c : '*');
        }
        return masked.append(jid, end, jid.length()).toString();
    }
}
