package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.jid.JidServer;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which phone number (PN) and which LID name the same WhatsApp user, and the one Signal address every device of
 * that user gets, whichever form a stanza used.
 *
 * <p><b>Canonical form: the LID when known, else the phone number.</b> WhatsApp is moving every account to LIDs,
 * Baileys 7 addresses its sessions by LID (protocol.md §8.2), so sessions imported from Baileys are found under
 * the same key, and a user keeps one LID for life while a number can be ported. A session made under a phone
 * number before its LID was known is moved to the LID address in the same store change that records the mapping,
 * so the two forms never fork two sessions.
 *
 * <p>Stored under {@link KeyCategory#LID_MAPPING} the way Baileys keeps them: {@code <pn user>} → LID user and
 * {@code <lid user>_reverse} → PN user, as UTF-8. A small cache in front of the store keeps lookups cheap.
 */
final class LidMappings {
    private static final int CACHE_ENTRIES = 4096;
    private static final String REVERSE = "_reverse";

    private final AuthStore store;
    private final SignalSessions sessions;
    private final Map<String, String> lidByPn = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    LidMappings(AuthStore store, SignalSessions sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    /** The LID user of a phone-number user, if known. */
    synchronized Optional<String> lidOf(String pnUser) {
        String cached = lidByPn.get(pnUser);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> stored = store.read(KeyCategory.LID_MAPPING, pnUser).map(LidMappings::text);
        stored.ifPresent(lid -> lidByPn.put(pnUser, lid));
        return stored;
    }

    /**
     * Records that {@code pn} and {@code lid} (user JIDs or device JIDs of one user) are the same user, moving
     * sessions and identities kept under the phone number to the LID in the same change. Known mappings cost a
     * cache lookup.
     */
    void learn(Jid pn, Jid lid) {
        if (!pn.isPnUser() || !lid.isLidUser() || pn.user().isEmpty() || lid.user().isEmpty()) {
            return;
        }
        String pnUser = pn.user();
        String lidUser = lid.user();
        if (lidOf(pnUser).filter(lidUser::equals).isPresent()) {
            return;
        }
        sessions.commitUnderLock(change -> {
            change.put(KeyCategory.LID_MAPPING, pnUser, bytes(lidUser));
            change.put(KeyCategory.LID_MAPPING, lidUser + REVERSE, bytes(pnUser));
            moveRecords(change, KeyCategory.SESSION, pnUser, lidUser);
            moveRecords(change, KeyCategory.IDENTITY, pnUser, lidUser);
        });
        synchronized (this) {
            lidByPn.put(pnUser, lidUser);
        }
    }

    /** The Signal address of a device: its LID form when the user's LID is known (see the class comment). */
    SignalAddress addressOf(Jid device) {
        if (device.isLidUser()) {
            return SignalAddress.inDomain(device.user(), JidServer.DOMAIN_LID, device.deviceId());
        }
        if (device.isPnUser()) {
            return lidOf(device.user())
                    .map(lid -> SignalAddress.inDomain(lid, JidServer.DOMAIN_LID, device.deviceId()))
                    .orElseGet(() -> SignalAddress.phoneNumber(device.user(), device.deviceId()));
        }
        throw new MessagingException("not a 1:1 user address: " + device.server());
    }

    /** The user part of {@link #addressOf}: the key under which this user's inbound messages are remembered. */
    String canonicalUser(Jid jid) {
        if (jid.isPnUser()) {
            return lidOf(jid.user()).map(lid -> lid + "@" + JidServer.LID).orElseGet(() -> jid.toNormalizedUser().toString());
        }
        return jid.toNormalizedUser().toString();
    }

    /** Moves every {@code <pn>.<device>} record to {@code <lid>_1.<device>} unless the LID address has one already. */
    private void moveRecords(StateChange.Builder change, KeyCategory category, String pnUser, String lidUser) {
        String prefix = pnUser + ".";
        for (String id : store.ids(category).subSet(prefix, prefix + Character.MAX_VALUE)) {
            SignalAddress from = SignalAddress.parse(id);
            SignalAddress to = SignalAddress.inDomain(lidUser, JidServer.DOMAIN_LID, from.deviceId());
            if (store.read(category, to.encoded()).isEmpty()) {
                store.read(category, id).ifPresent(record -> change.put(category, to.encoded(), record));
            }
            change.delete(category, id);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
