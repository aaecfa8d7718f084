package io.wafleet.protocol.store;

/** What a directory under the sessions path holds, judged by its file names only (never modified to find out). */
public enum DirectoryKind {
    /** A wa-fleet account: our snapshot or journal is present. */
    OURS,
    /** Empty, or only our lock or temp files: an account that never committed; safe to open. */
    EMPTY,
    /** A Baileys multi-file auth state ({@code creds.json}): left untouched until an import adopts it. */
    BAILEYS,
    /** Anything else, including a mix of ours and foreign files: left untouched and reported. */
    UNKNOWN;

    /** Whether {@link FileAuthStore} may open (and so write in) a directory of this kind. */
    public boolean isOpenable() {
        return this == OURS || this == EMPTY;
    }
}
