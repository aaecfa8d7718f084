package io.wafleet.protocol.store;

/**
 * When {@link FileAuthStore} folds its journal into a new snapshot: once the journal holds {@code journalBytes}
 * of transactions or changes to {@code journalKeys} distinct keys. The key bound is also the memory bound: the
 * store keeps an index entry (about 150 bytes) per key changed since the last compaction, and nothing per key
 * in the snapshot beyond one entry per 8 KiB block.
 */
public record CompactionPolicy(long journalBytes, int journalKeys) {
    public static final CompactionPolicy DEFAULT = new CompactionPolicy(256 * 1024, 256);

    public CompactionPolicy {
        if (journalBytes <= 0 || journalKeys <= 0) {
            throw new IllegalArgumentException("compaction thresholds must be positive");
        }
    }
}
