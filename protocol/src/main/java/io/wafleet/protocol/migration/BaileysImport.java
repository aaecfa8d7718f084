package io.wafleet.protocol.migration;

import io.wafleet.protocol.jid.JidMasking;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Adopts a Baileys account (its {@code useMultiFileAuthState} directory) into a wa-fleet {@link AuthStore}: the same
 * linked device, so no QR, with its Signal sessions, pre-keys and the rest (see {@link BaileysFileType} for what
 * each file becomes).
 *
 * <p>The source is never modified: it is only listed and read (see {@link BaileysAuthDirectory}), so the old
 * service can start on it again as a rollback. The target receives everything in one {@link AuthStore#apply}, with
 * an {@link ImportMarker}: a crash leaves either the whole account or nothing, and a restart finds the marker and
 * imports nothing twice. Every refusal is an {@link ImportException} with a reason; nothing else escapes for bad
 * input.
 */
public final class BaileysImport {
    private final ImportLimits limits;
    private final InstantSource clock;

    public BaileysImport(ImportLimits limits, InstantSource clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static BaileysImport withDefaults() {
        return new BaileysImport(ImportLimits.DEFAULT, InstantSource.system());
    }

    /** What importing {@code source} would do, without writing anywhere. Never throws for bad input. */
    public ImportReport inspect(Path source) {
        try {
            return report(source, BaileysAuthDirectory.read(source, limits));
        } catch (ImportException e) {
            return ImportReport.refused(source, e);
        }
    }

    /** The outcome of {@link #importInto}. */
    public enum Outcome {
        /** The account was written to the target, with its marker. */
        IMPORTED,
        /** The target holds this source's marker and the source is unchanged: nothing was written. */
        ALREADY_IMPORTED
    }

    public record Result(Outcome outcome, ImportReport report) {}

    /**
     * Imports {@code source} into {@code target} in one atomic change, or explains why not. A target that already
     * holds this import is left alone when the source is unchanged, and refused with
     * {@link ImportException.Reason#SOURCE_CHANGED} when the source changed since (the old service ran again):
     * merging two histories of one Signal account would corrupt both.
     */
    public Result importInto(Path source, AuthStore target) {
        Optional<ImportMarker> marker = markerOf(target);
        if (marker.isPresent()) {
            BaileysAuthDirectory.Fingerprint now = BaileysAuthDirectory.fingerprint(source, limits);
            if (!Arrays.equals(now.checksum(), marker.get().sourceChecksum())) {
                throw new ImportException(ImportException.Reason.SOURCE_CHANGED, "the Baileys directory changed after it was imported on "
                        + marker.get().importedAt() + " (checksum " + marker.get().checksumHex() + ", now " + now.checksumHex()
                        + "): the old service probably ran again; the imported account was left as it is");
            }
            return new Result(Outcome.ALREADY_IMPORTED, inspect(source));
        }
        if (!isEmpty(target)) {
            throw new ImportException(ImportException.Reason.TARGET_NOT_EMPTY,
                    "the target already holds an account that was not imported from this directory");
        }
        BaileysAuthDirectory.Contents contents = BaileysAuthDirectory.read(source, limits);
        if (!contents.credentials().isPaired()) {
            throw new ImportException(ImportException.Reason.NOT_PAIRED, "creds.json was never linked to a phone (no me.id): nothing to adopt");
        }
        StateChange.Builder change = StateChange.builder().credentials(contents.credentials());
        contents.records().forEach(record -> change.put(record.category(), record.id(), record.value()));
        ImportMarker newMarker = new ImportMarker(source.toAbsolutePath().normalize().toString(), contents.fingerprint().checksum(),
                contents.fingerprint().fileCount(), clock.instant());
        change.put(KeyCategory.MIGRATION, ImportMarker.ID, newMarker.encode());
        target.apply(change.build());
        return new Result(Outcome.IMPORTED, report(source, contents));
    }

    /** The marker of a previous import into {@code target}, if any. */
    public static Optional<ImportMarker> markerOf(AuthStore target) {
        return target.read(KeyCategory.MIGRATION, ImportMarker.ID).map(ImportMarker::decode);
    }

    /** Whether {@code source} still has the checksum recorded when it was imported into {@code target}. */
    public boolean sourceUnchanged(Path source, ImportMarker marker) {
        return Arrays.equals(BaileysAuthDirectory.fingerprint(source, limits).checksum(), marker.sourceChecksum());
    }

    private static boolean isEmpty(AuthStore target) {
        if (target.state().credentials().isPresent()) {
            return false;
        }
        for (KeyCategory category : KeyCategory.values()) {
            if (!target.ids(category).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static ImportReport report(Path source, BaileysAuthDirectory.Contents contents) {
        Credentials credentials = contents.credentials();
        Optional<ImportReport.Refusal> refusal = credentials.isPaired()
                ? Optional.empty()
                : Optional.of(new ImportReport.Refusal(ImportException.Reason.NOT_PAIRED, "creds.json was never linked to a phone (no me.id)"));
        return new ImportReport(source, refusal, credentials.isPaired(),
                credentials.me().map(me -> JidMasking.mask(me.jid())), contents.types(), contents.ignoredCredentialFields(),
                contents.problems(), Optional.of(contents.fingerprint().checksumHex()));
    }
}
