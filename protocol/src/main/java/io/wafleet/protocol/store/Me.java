package io.wafleet.protocol.store;

import io.wafleet.protocol.jid.JidMasking;
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
        return "Me[jid=" + JidMasking.mask(jid) + ", lid=" + lid.map(JidMasking::mask).orElse("-")
                + ", pushName=" + (pushName.isPresent() ? "<set>" : "-") + "]";
    }
}
