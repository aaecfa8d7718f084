package io.wafleet.server.firestore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * This process's name in leases and backups. It belongs to the volume, not to the run: the backup written from this
 * volume is recognised after a restart, so the volume is trusted as at least as new; a backup written from another
 * volume is newer than this one's copy and is restored over it.
 */
final class InstanceName {

    static final String FILE = ".wa-fleet-instance";

    private InstanceName() {
    }

    static String resolve(Path sessionsRoot, Optional<String> explicit) {
        if (explicit.isPresent()) {
            return explicit.get();
        }
        Path file = sessionsRoot.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            String made = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
            Path temp = sessionsRoot.resolve(FILE + ".tmp");
            Files.writeString(temp, made, StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9-]", "-");
        } catch (UnknownHostException e) {
            return "wa-fleet";
        }
    }
}
