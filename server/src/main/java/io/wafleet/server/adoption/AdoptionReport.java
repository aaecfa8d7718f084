package io.wafleet.server.adoption;

import io.wafleet.server.registry.AccountId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the boot-time adoption found in the Baileys folder: the accounts living in slots (imported now or on an
 * earlier boot) and the folders needing a human, each with its reason. Holds no key material and no phone number.
 */
public record AdoptionReport(String baileysRoot, Instant at, List<Adopted> adopted, List<Problem> problems) {

    public enum Outcome {
        /** Imported on this boot. */
        IMPORTED,
        /** Imported on an earlier boot; the source is unchanged since. */
        ALREADY_IMPORTED
    }

    /** What the adoption concluded about one Baileys folder. */
    public sealed interface Finding permits Adopted, Problem {
    }

    /**
     * One account adopted into a slot.
     *
     * @param skippedFiles Baileys files the importer could not use (damaged key files, unknown file types); the
     *                     account proceeds without them, as Baileys would
     */
    public record Adopted(String oldId, AccountId slot, Outcome outcome, int skippedFiles) implements Finding {
        public Adopted {
            Objects.requireNonNull(oldId, "oldId");
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** A folder that was not adopted, or an adopted account whose source needs looking at ({@code slot} then set). */
    public record Problem(String oldId, Optional<AccountId> slot, AdoptionIssue issue, String detail) implements Finding {
        public Problem {
            Objects.requireNonNull(oldId, "oldId");
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(issue, "issue");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public AdoptionReport {
        Objects.requireNonNull(baileysRoot, "baileysRoot");
        Objects.requireNonNull(at, "at");
        adopted = List.copyOf(adopted);
        problems = List.copyOf(problems);
    }

    public static AdoptionReport nothing(String baileysRoot, Instant at) {
        return new AdoptionReport(baileysRoot, at, List.of(), List.of());
    }

    public long importedNow() {
        return adopted.stream().filter(a -> a.outcome() == Outcome.IMPORTED).count();
    }
}
