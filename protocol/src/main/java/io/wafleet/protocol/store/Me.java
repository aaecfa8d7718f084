package io.wafleet.protocol.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Who this device is once paired: its phone-number JID (with device suffix), its LID when the server gave one,
 * and the account's push name. {@link #toString()} masks the number: these values end up near log lines.
 */
public record Me(String jid, Optional<String> lid, Optional<String> pushName) {
    public Me {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(lid, "lid");
        Objects.requireNonNull(pushName, "pushName");
        if (jid.isEmpty()) {
            throw new IllegalArgumentException("jid must not be empty");
        }
    }

    public static Me of(String jid) {
        return new Me(jid, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "Me[jid=" + mask(jid) + ", lid=" + lid.map(Me::mask).orElse("-")
                + ", pushName=" + (pushName.isPresent() ? "<set>" : "-") + "]";
    }

    /**
     * Keeps the first three and last two digits of the user part (before any {@code :device} and the server), as
     * the log policy masks numbers: {@code 40712345612:3@s.whatsapp.net} becomes {@code 407******12:3@s.whatsapp.net}.
     */
    static String mask(String jid) {
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
