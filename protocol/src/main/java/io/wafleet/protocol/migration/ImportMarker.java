package io.wafleet.protocol.migration;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.proto.StoredImportMarker;
import io.wafleet.protocol.store.KeyCategory;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Stored with an adopted account ({@link KeyCategory#MIGRATION}, id {@link #ID}), in the same change as the account
 * itself: which Baileys directory it came from and that directory's checksum at the time. A restart that finds
 * the marker imports nothing again; a source whose checksum moved since is reported as changed.
 */
public record ImportMarker(String sourcePath, byte[] sourceChecksum, int sourceFileCount, Instant importedAt) {
    public static final String ID = "baileys-import";

    public ImportMarker {
        Objects.requireNonNull(sourcePath, "sourcePath");
        sourceChecksum = sourceChecksum.clone();
        Objects.requireNonNull(importedAt, "importedAt");
    }

    @Override
    public byte[] sourceChecksum() {
        return sourceChecksum.clone();
    }

    public String checksumHex() {
        return HexFormat.of().formatHex(sourceChecksum);
    }

    byte[] encode() {
        return StoredImportMarker.newBuilder()
                .setSourcePath(sourcePath)
                .setSourceChecksum(ByteString.copyFrom(sourceChecksum))
                .setSourceFileCount(sourceFileCount)
                .setImportedAtMillis(importedAt.toEpochMilli())
                .build()
                .toByteArray();
    }

    static ImportMarker decode(byte[] bytes) {
        try {
            StoredImportMarker stored = StoredImportMarker.parseFrom(bytes);
            return new ImportMarker(stored.getSourcePath(), stored.getSourceChecksum().toByteArray(),
                    stored.getSourceFileCount(), Instant.ofEpochMilli(stored.getImportedAtMillis()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the stored import marker is unreadable", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImportMarker other
                && sourcePath.equals(other.sourcePath)
                && Arrays.equals(sourceChecksum, other.sourceChecksum)
                && sourceFileCount == other.sourceFileCount
                && importedAt.equals(other.importedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourcePath, Arrays.hashCode(sourceChecksum), sourceFileCount, importedAt);
    }

    @Override
    public String toString() {
        return "ImportMarker[" + sourcePath + ", checksum=" + checksumHex() + ", files=" + sourceFileCount + ", at=" + importedAt + "]";
    }
}
