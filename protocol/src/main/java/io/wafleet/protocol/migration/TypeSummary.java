package io.wafleet.protocol.migration;

import java.util.Objects;

/**
 * What the import found and did for one Baileys file type in one account.
 *
 * @param files files of the type in the source
 * @param stored records written (or, for an inspection, that would be written)
 * @param skipped files that could not be read; each one is also a problem in the report
 */
public record TypeSummary(BaileysFileType type, int files, int stored, int skipped) {
    public TypeSummary {
        Objects.requireNonNull(type, "type");
        if (files < 0 || stored < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    public BaileysFileType.Disposition disposition() {
        return type.disposition();
    }

    public String why() {
        return type.why();
    }
}
