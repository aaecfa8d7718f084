package io.wafleet.protocol.store;

/**
 * The kinds of key records an account keeps besides its credentials. Records are opaque bytes to the store:
 * their encoding belongs to the layer that writes them (Signal, app-state sync, device lists).
 *
 * <p>{@link #code()} is written to disk: it is part of the file format and never changes for a category.
 */
public enum KeyCategory {
    PRE_KEY(1, "pre-key"),
    SESSION(2, "session"),
    SENDER_KEY(3, "sender-key"),
    APP_STATE_SYNC_KEY(4, "app-state-sync-key"),
    APP_STATE_SYNC_VERSION(5, "app-state-sync-version"),
    LID_MAPPING(6, "lid-mapping"),
    DEVICE_LIST(7, "device-list"),
    IDENTITY(8, "identity"),
    /** Decrypted inbound messages, kept so a redelivery is recognised instead of decrypted (and handled) twice. */
    INBOX(9, "inbox"),
    /** Where an account came from when it was adopted from another client (the Baileys import marker). */
    MIGRATION(10, "migration");

    private final int code;
    private final String label;

    KeyCategory(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The stable number stored on disk. */
    public int code() {
        return code;
    }

    /** The name Baileys uses for the same category (its key-store type), handy for import and logs. */
    public String label() {
        return label;
    }

    /** The category stored under {@code code}; an unknown code means a file from a newer release or corruption. */
    static KeyCategory fromCode(int code) {
        for (KeyCategory category : values()) {
            if (category.code == code) {
                return category;
            }
        }
        throw new CorruptStoreException("unknown key category code " + code);
    }
}
