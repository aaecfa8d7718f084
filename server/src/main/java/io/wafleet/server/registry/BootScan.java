package io.wafleet.server.registry;

import io.wafleet.server.connector.AccountConnector;
import io.wafleet.server.connector.SlotContents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the sessions path at start and sorts what it finds. It only reads: a directory it does not recognise
 * is reported, never moved or deleted (the Baileys import may adopt it later). Entries starting with a dot are
 * wa-fleet's own bookkeeping (lock, archive, names).
 */
public final class BootScan {

    private static final Logger log = LoggerFactory.getLogger(BootScan.class);

    private BootScan() {
    }

    public static BootReport scan(Path root, List<AccountId> slots, Function<AccountId, Path> directoryOf,
                                  AccountConnector connector) {
        List<AccountId> withCredentials = new ArrayList<>();
        List<AccountId> empty = new ArrayList<>();
        List<AccountId> foreign = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (AccountId slot : slots) {
            switch (inspect(connector, directoryOf.apply(slot))) {
                case CREDENTIALS -> withCredentials.add(slot);
                case EMPTY -> empty.add(slot);
                case FOREIGN -> foreign.add(slot);
                case UNKNOWN -> unknown.add(slot.value());
            }
        }
        Set<String> slotNames = new TreeSet<>();
        slots.forEach(slot -> slotNames.add(slot.value()));
        for (String name : entries(root)) {
            if (!name.startsWith(".") && !slotNames.contains(name)) {
                unknown.add(name);
            }
        }
        return new BootReport(withCredentials, empty, foreign, unknown);
    }

    /** One unreadable slot must not keep the other twenty-nine from starting: it is reported as unknown. */
    private static SlotContents inspect(AccountConnector connector, Path directory) {
        try {
            return connector.inspect(directory);
        } catch (RuntimeException e) {
            log.warn("cannot classify {}: {}", directory, e.toString());
            return SlotContents.UNKNOWN;
        }
    }

    private static List<String> entries(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            return children.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sessions path " + root, e);
        }
    }
}
