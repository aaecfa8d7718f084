package io.wafleet.protocol.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A directory found under the sessions path: its name, its kind, and its account id when the name is a valid
 * one. A directory is {@link DirectoryKind#OURS} or {@link DirectoryKind#EMPTY} only with a valid id.
 */
public record AccountDirectory(String name, Path path, DirectoryKind kind, Optional<AccountId> accountId) {
    public AccountDirectory {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(accountId, "accountId");
        if (kind.isOpenable() && accountId.isEmpty()) {
            throw new IllegalArgumentException("an openable directory needs a valid account id");
        }
    }
}
