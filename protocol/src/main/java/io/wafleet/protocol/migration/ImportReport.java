package io.wafleet.protocol.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an inspection or an import of one Baileys directory found: whether it can be adopted (else the refusal), the
 * own JID (masked: it is a phone number), counts per file type, the creds.json fields with no place in wa-fleet,
 * and problems (files that were skipped, and why). It holds no key material; problems name source files, whose
 * names can hold a contact's number, so log lines with them go through the log masking like any other.
 *
 * @param checksumHex the source checksum (empty when the source could not be read)
 */
public record ImportReport(
        Path source,
        Optional<Refusal> refusal,
        boolean paired,
        Optional<String> maskedJid,
        List<TypeSummary> types,
        Set<String> ignoredCredentialFields,
        List<String> problems,
        Optional<String> checksumHex) {

    /** Why the account cannot be adopted. */
    public record Refusal(ImportException.Reason reason, String message) {
        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    public ImportReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(maskedJid, "maskedJid");
        types = List.copyOf(types);
        ignoredCredentialFields = Set.copyOf(ignoredCredentialFields);
        problems = List.copyOf(problems);
        Objects.requireNonNull(checksumHex, "checksumHex");
    }

    static ImportReport refused(Path source, ImportException refusal) {
        return new ImportReport(source, Optional.of(new Refusal(refusal.reason(), refusal.getMessage())), false,
                Optional.empty(), List.of(), Set.of(), List.of(), Optional.empty());
    }

    public boolean adoptable() {
        return refusal.isEmpty();
    }

    /** The summary of {@code type}; zero counts when the source holds none. */
    public TypeSummary summary(BaileysFileType type) {
        return types.stream().filter(s -> s.type() == type).findFirst().orElse(new TypeSummary(type, 0, 0, 0));
    }
}
