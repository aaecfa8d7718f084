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

    /** Keeps the first three and last two digits of the user part, as the log policy masks numbers. */
    static String mask(String jid) {
        int at = jid.indexOf('@');
        String user = at < 0 ? jid : jid.substring(0, at);
        String server = at < 0 ? "" : jid.substring(at);
        StringBuilder masked = new StringBuilder(jid.length());
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            boolean kept = i < 3 || i >= user.length() - 2 || !Character.isDigit(c);
            masked.append(kept ? c : '*');
        }
        return masked.append(server).toString();
    }
}
