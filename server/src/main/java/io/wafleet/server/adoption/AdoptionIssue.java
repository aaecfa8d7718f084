package io.wafleet.server.adoption;

import io.wafleet.protocol.migration.ImportException;

/** Why a Baileys folder was not adopted, or what an adopted one needs looked at; {@link #code()} is what logs and the API show. */
public enum AdoptionIssue {
    UNREADABLE("baileys-unreadable", "the folder cannot be listed or read"),
    NO_CREDENTIALS("baileys-no-credentials", "no creds.json: not a Baileys account, or its credentials were deleted"),
    BAD_CREDENTIALS("baileys-bad-credentials", "creds.json is truncated, garbled or inconsistent (Baileys itself would ask for a new QR)"),
    NOT_PAIRED("baileys-not-paired", "the credentials were never linked to a phone: there is no session to adopt"),
    TOO_LARGE("baileys-too-large", "more files or bytes than an account plausibly holds"),
    SLOT_NOT_EMPTY("baileys-slot-not-empty", "its slot already holds another account: nothing was overwritten"),
    SOURCE_CHANGED("baileys-source-changed",
            "the Baileys folder changed after it was imported: the old service ran again on this account. "
                    + "wa-fleet keeps the imported copy and merges nothing; stop the old service for good"),
    NO_FREE_SLOT("baileys-no-free-slot", "every slot is taken: raise WA_ACCOUNTS or map it with WA_IMPORT_MAP"),
    SLOT_TAKEN("baileys-slot-taken", "the slot WA_IMPORT_MAP names already holds an account or another adoption");

    private final String code;
    private final String meaning;

    AdoptionIssue(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    static AdoptionIssue of(ImportException.Reason reason) {
        return switch (reason) {
            case UNREADABLE_SOURCE -> UNREADABLE;
            case NO_CREDENTIALS -> NO_CREDENTIALS;
            case BAD_CREDENTIALS -> BAD_CREDENTIALS;
            case NOT_PAIRED -> NOT_PAIRED;
            case TOO_LARGE -> TOO_LARGE;
            case TARGET_NOT_EMPTY -> SLOT_NOT_EMPTY;
            case SOURCE_CHANGED -> SOURCE_CHANGED;
        };
    }
}
