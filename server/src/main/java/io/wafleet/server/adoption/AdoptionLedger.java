package io.wafleet.server.adoption;

import io.wafleet.server.registry.AccountId;
import io.wafleet.server.storage.Durable;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which slot each adopted Baileys account went to, kept beside the account directories in one small file that is
 * rewritten crash-safely (temp file, fsync, rename). An entry is written {@link Stage#RESERVED} before the import
 * and {@link Stage#IMPORTED} after it: a crash in between leaves a reserved slot whose store is still empty, and
 * the next boot imports into the same slot. Entries are never changed by wa-fleet once written, so an account
 * that was later logged out (its store archived) is not imported again from its old folder.
 */
public final class AdoptionLedger {

    static final String FILE = ".wa-fleet-adoptions.properties";

    public enum Stage { RESERVED, IMPORTED }

    public record Entry(AccountId slot, Stage stage) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new TreeMap<>();

    public AdoptionLedger(Path sessionsRoot) {
        this.file = sessionsRoot.resolve(FILE);
        if (Files.exists(file)) {
            load();
        }
    }

    public synchronized Optional<Entry> entryOf(String oldId) {
        return Optional.ofNullable(entries.get(oldId));
    }

    /** The old id whose account lives in {@code slot}, if it was adopted. */
    public synchronized Optional<String> aliasOf(AccountId slot) {
        return entries.entrySet().stream().filter(e -> e.getValue().slot().equals(slot)).map(Map.Entry::getKey).findFirst();
    }

    public synchronized boolean holds(AccountId slot) {
        return aliasOf(slot).isPresent();
    }

    /** Records every {@code oldId -> slot} at once, before anything is imported. */
    public synchronized void reserve(Map<String, AccountId> slots) {
        if (slots.isEmpty()) {
            return;
        }
        slots.forEach((oldId, slot) -> {
            if (entries.containsKey(oldId)) {
                throw new IllegalStateException(oldId + " is already in the adoption ledger");
            }
            if (holds(slot)) {
                throw new IllegalStateException(slot + " is already taken in the adoption ledger");
            }
            entries.put(oldId, new Entry(slot, Stage.RESERVED));
        });
        save();
    }

    public synchronized void imported(String oldId) {
        Entry entry = entryOf(oldId).orElseThrow(() -> new IllegalStateException(oldId + " was never reserved"));
        if (entry.stage() != Stage.IMPORTED) {
            entries.put(oldId, new Entry(entry.slot(), Stage.IMPORTED));
            save();
        }
    }

    private void load() {
        Properties stored = new Properties();
        try {
            stored.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the adoption ledger " + file, e);
        }
        for (String oldId : stored.stringPropertyNames()) {
            String[] parts = stored.getProperty(oldId).strip().split(" ", -1);
            boolean stageKnown = parts.length == 2 && (parts[1].equals(Stage.RESERVED.name()) || parts[1].equals(Stage.IMPORTED.name()));
            if (!stageKnown || !AccountId.isValid(parts[0])) {
                throw new IllegalStateException("the adoption ledger " + file + " has an unreadable entry for " + oldId);
            }
            entries.put(oldId, new Entry(AccountId.of(parts[0]), Stage.valueOf(parts[1])));
        }
    }

    private void save() {
        Properties stored = new Properties();
        entries.forEach((oldId, entry) -> stored.setProperty(oldId, entry.slot().value() + " " + entry.stage().name()));
        try {
            StringWriter out = new StringWriter();
            stored.store(out, "wa-fleet: Baileys accounts adopted into slots (old id = slot stage); written by wa-fleet, never changed by it");
            Durable.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the adoption ledger " + file, e);
        }
    }
}
