package io.wafleet.protocol.migration;

import io.wafleet.protocol.store.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a Baileys multi-file auth state directory, read-only: files are opened for reading only, links are not
 * followed, nothing is created, renamed or deleted. Files are read one at a time, in name order, each at most
 * {@link ImportLimits#maxFileBytes()}.
 *
 * <p>A key file that cannot be read is skipped and reported, which is what Baileys itself does (its
 * {@code readData} answers {@code null} for a file it cannot parse). {@code creds.json} is different: without it,
 * or with a damaged one, Baileys would start a new pairing, so the whole account is refused.
 */
final class BaileysAuthDirectory {
    private static final String SKIPPED = "; skipped, as Baileys treats a key file it cannot read as absent";

    private BaileysAuthDirectory() {}

    /** Everything read from one directory. */
    record Contents(
            Credentials credentials,
            Set<String> ignoredCredentialFields,
            List<BaileysKeys.Converted> records,
            List<TypeSummary> types,
            List<String> problems,
            Fingerprint fingerprint) {}

    /** The source's checksum and how many files it covers. */
    record Fingerprint(byte[] checksum, int fileCount) {
        String checksumHex() {
            return java.util.HexFormat.of().formatHex(checksum);
        }
    }

    /** Reads {@code directory}; throws {@link ImportException} when the account as a whole cannot be read. */
    static Contents read(Path directory, ImportLimits limits) {
        TreeMap<String, Path> files = list(directory, limits);
        if (!files.containsKey(BaileysFileType.CREDS_FILE)) {
            throw new ImportException(ImportException.Reason.NO_CREDENTIALS, "no " + BaileysFileType.CREDS_FILE + " in the directory");
        }
        SourceChecksum checksum = new SourceChecksum();
        List<String> problems = new ArrayList<>();
        List<BaileysKeys.Converted> records = new ArrayList<>();
        Map<BaileysFileType, Tally> tallies = new EnumMap<>(BaileysFileType.class);
        BaileysCredentials.Read credentials = null;
        long totalBytes = 0;
        for (Map.Entry<String, Path> file : files.entrySet()) {
            String name = file.getKey();
            BaileysFileType.Named named = BaileysFileType.classify(name);
            Tally tally = tallies.computeIfAbsent(named.type(), t -> new Tally());
            tally.files++;
            byte[] bytes = readBounded(file.getValue(), name, limits);
            totalBytes += bytes.length;
            if (totalBytes > limits.maxTotalBytes()) {
                throw new ImportException(ImportException.Reason.TOO_LARGE, "the directory holds more than " + limits.maxTotalBytes() + " bytes");
            }
            checksum.add(name, bytes);
            if (named.type() == BaileysFileType.CREDS) {
                credentials = credentials(bytes);
                tally.stored++;
                continue;
            }
            if (named.type() == BaileysFileType.UNKNOWN) {
                problems.add(name + ": " + BaileysFileType.UNKNOWN.why() + "; ignored");
                continue;
            }
            if (bytes.length > limits.maxFileBytes()) {
                problems.add(name + ": larger than " + limits.maxFileBytes() + " bytes" + SKIPPED);
                tally.skipped++;
                continue;
            }
            try {
                BaileysKeys.convert(named.type(), named.id(), name, utf8(bytes, name)).ifPresent(record -> {
                    records.add(record);
                    tally.stored++;
                });
            } catch (BaileysFormatException e) {
                problems.add(e.getMessage() + SKIPPED);
                tally.skipped++;
            }
        }
        List<TypeSummary> types = new ArrayList<>();
        tallies.forEach((type, tally) -> types.add(new TypeSummary(type, tally.files, tally.stored, tally.skipped)));
        return new Contents(credentials.credentials(), credentials.ignoredFields(), records, types, problems,
                new Fingerprint(checksum.finish(), files.size()));
    }

    /** Only the checksum and the file count: what a restart compares with the stored marker. */
    static Fingerprint fingerprint(Path directory, ImportLimits limits) {
        TreeMap<String, Path> files = list(directory, limits);
        SourceChecksum checksum = new SourceChecksum();
        long totalBytes = 0;
        for (Map.Entry<String, Path> file : files.entrySet()) {
            byte[] bytes = readBounded(file.getValue(), file.getKey(), limits);
            totalBytes += bytes.length;
            if (totalBytes > limits.maxTotalBytes()) {
                throw new ImportException(ImportException.Reason.TOO_LARGE, "the directory holds more than " + limits.maxTotalBytes() + " bytes");
            }
            checksum.add(file.getKey(), bytes);
        }
        return new Fingerprint(checksum.finish(), files.size());
    }

    private static BaileysCredentials.Read credentials(byte[] bytes) {
        try {
            return BaileysCredentials.read(utf8(bytes, BaileysFileType.CREDS_FILE));
        } catch (BaileysFormatException | IllegalArgumentException e) {
            throw new ImportException(ImportException.Reason.BAD_CREDENTIALS, e.getMessage(), e);
        }
    }

    /** Counts for one file type while the directory is read. */
    private static final class Tally {
        int files;
        int stored;
        int skipped;
    }

    /** Regular files by name; directories, links and other entries are not Baileys files and are left out. */
    private static TreeMap<String, Path> list(Path directory, ImportLimits limits) {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new ImportException(ImportException.Reason.UNREADABLE_SOURCE, "not a directory: " + directory);
        }
        TreeMap<String, Path> files = new TreeMap<>();
        int entries = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                if (++entries > limits.maxFiles()) {
                    throw new ImportException(ImportException.Reason.TOO_LARGE, "more than " + limits.maxFiles() + " entries in the directory");
                }
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isRegularFile()) {
                    files.put(entry.getFileName().toString(), entry);
                }
            }
        } catch (IOException e) {
            throw new ImportException(ImportException.Reason.UNREADABLE_SOURCE, "cannot list " + directory + ": " + e.getMessage(), e);
        }
        return files;
    }

    /**
     * At most {@code maxFileBytes + 1} bytes: one more than allowed tells an oversized file without reading it all.
     * The file is opened for reading only and never through a link.
     */
    private static byte[] readBounded(Path file, String name, ImportLimits limits) {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
            if (name.equals(BaileysFileType.CREDS_FILE) && bytes.length > limits.maxFileBytes()) {
                throw new ImportException(ImportException.Reason.BAD_CREDENTIALS, "creds.json is larger than " + limits.maxFileBytes() + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new ImportException(ImportException.Reason.UNREADABLE_SOURCE, "cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static String utf8(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BaileysFormatException(name + ": not UTF-8 text", e);
        }
    }
}
