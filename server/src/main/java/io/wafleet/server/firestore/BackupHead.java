package io.wafleet.server.firestore;

import com.google.cloud.firestore.DocumentSnapshot;

import java.util.Optional;

/**
 * {@code wa_fleet_sessions/{slotId}}: which generation is the newest committed backup of an account and where its
 * parts are. The parts (a base split into chunks, then one delta per later generation) live in the document's
 * {@code parts} subcollection; only what the head names is ever read, so a half-written part is harmless.
 *
 * @param generation     the newest committed generation
 * @param baseGeneration the generation of the full backup the deltas build on
 * @param baseChunks     how many chunks the base is split into
 * @param epoch          the lease epoch of the writer (a lower epoch never writes again)
 */
record BackupHead(long generation, long baseGeneration, int baseChunks, long epoch, String holder) {

    static Optional<BackupHead> of(DocumentSnapshot doc) {
        if (!doc.exists()) {
            return Optional.empty();
        }
        Long generation = doc.getLong("generation");
        Long base = doc.getLong("baseGeneration");
        Long chunks = doc.getLong("baseChunks");
        Long epoch = doc.getLong("epoch");
        String holder = doc.getString("holder");
        if (generation == null || base == null || chunks == null || epoch == null || holder == null) {
            throw new BackupException.Unreadable(doc.getId() + ": backup head lacks a field", null);
        }
        return Optional.of(new BackupHead(generation, base, Math.toIntExact(chunks), epoch, holder));
    }

    int deltas() {
        return Math.toIntExact(generation - baseGeneration);
    }

    static String baseChunkId(long generation, int index) {
        return String.format("b%020d-%04d", generation, index);
    }

    static String deltaId(long generation) {
        return String.format("d%020d", generation);
    }

    /** The generation a part id belongs to, for cleaning up parts older than the newest base. */
    static long generationOf(String partId) {
        String digits = partId.substring(1, 21);
        return Long.parseLong(digits);
    }
}
