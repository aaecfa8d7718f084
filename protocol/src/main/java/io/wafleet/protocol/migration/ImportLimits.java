package io.wafleet.protocol.migration;

/**
 * Bounds on what the importer reads, so a damaged or hostile source costs at most this much memory and time.
 * The defaults are far above what Baileys writes (about 830 small files for a linked account; a session file with
 * libsignal's 40 sessions of 2,000 skipped keys is a few MiB).
 *
 * @param maxFiles entries in the directory
 * @param maxFileBytes size of any single file
 * @param maxTotalBytes sum of all file sizes
 */
public record ImportLimits(int maxFiles, long maxFileBytes, long maxTotalBytes) {
    public static final ImportLimits DEFAULT = new ImportLimits(200_000, 16L << 20, 1L << 30);

    public ImportLimits {
        if (maxFiles <= 0 || maxFileBytes <= 0 || maxTotalBytes <= 0) {
            throw new IllegalArgumentException("import limits must be positive");
        }
    }
}
