package io.wafleet.protocol.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sessions path: one directory per account. Lists and classifies what is there, and opens account stores by
 * validated id. Classification only reads directory listings; a directory that is not ours is never written to.
 */
public final class SessionsDirectory {
    /** The file that marks a Baileys multi-file auth state directory. */
    static final String BAILEYS_CREDS = "creds.json";

    private final Path root;

    public SessionsDirectory(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public Path root() {
        return root;
    }

    /** Every directory under the sessions path, by name; plain files are not accounts and are skipped. */
    public List<AccountDirectory> scan() {
        List<AccountDirectory> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Optional<AccountId> id = AccountId.isValid(name) ? Optional.of(new AccountId(name)) : Optional.empty();
                DirectoryKind kind = classify(entry);
                found.add(new AccountDirectory(name, entry, id.isPresent() ? kind : notOpenable(kind), id));
            }
        } catch (IOException e) {
            throw new StoreException("cannot list the sessions directory " + root, e);
        }
        found.sort(Comparator.comparing(AccountDirectory::name));
        return found;
    }

    /** The directory of {@code id}; it may not exist yet. */
    public Path pathOf(AccountId id) {
        return root.resolve(id.value());
    }

    /** Opens (creating if new) the store of {@code id} with the default compaction policy. */
    public FileAuthStore open(AccountId id) {
        return FileAuthStore.open(pathOf(id), CompactionPolicy.DEFAULT);
    }

    /** The kind of {@code directory}, from its file names. A missing directory counts as empty. */
    public static DirectoryKind classify(Path directory) {
        if (!Files.exists(directory)) {
            return DirectoryKind.EMPTY;
        }
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        } catch (IOException e) {
            throw new StoreException("cannot list " + directory, e);
        }
        boolean ours = names.contains(StoreFiles.SNAPSHOT) || names.contains(StoreFiles.JOURNAL);
        boolean baileys = names.contains(BAILEYS_CREDS);
        if (ours && baileys) {
            return DirectoryKind.UNKNOWN;
        }
        if (baileys) {
            return DirectoryKind.BAILEYS;
        }
        if (ours) {
            return DirectoryKind.OURS;
        }
        return StoreFiles.STATELESS.containsAll(names) ? DirectoryKind.EMPTY : DirectoryKind.UNKNOWN;
    }

    /** A directory whose name is not a valid id is never opened, whatever it holds. */
    private static DirectoryKind notOpenable(DirectoryKind kind) {
        return kind.isOpenable() ? DirectoryKind.UNKNOWN : kind;
    }
}
