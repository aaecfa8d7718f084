package io.wafleet.server.adoption;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The server's adoption fixture (src/test/resources/adoption, made by
 * conformance/scripts/make-server-adoption-fixture.sh): Baileys rc.9 folders in the first user's layout, one
 * corrupt and one never-paired folder, and the state file of the simulator that linked them.
 */
public final class AdoptionFixture {

    public static final String CORRUPT = "account_prod_corrupt";
    public static final String UNPAIRED = "account_prod_unpaired";
    private static final Path ROOT = Path.of("src", "test", "resources", "adoption").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AdoptionFixture() {
    }

    public static Path simulatorState() {
        return existing(ROOT.resolve("simulator-state.json"));
    }

    /** The linked accounts' folder names, sorted. */
    public static List<String> linkedAccounts() {
        try (Stream<Path> folders = Files.list(existing(ROOT.resolve("sessions")))) {
            return folders.map(p -> p.getFileName().toString()).filter(n -> !n.equals(CORRUPT) && !n.equals(UNPAIRED)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the named folders of the fixture into {@code sessionsRoot}. */
    public static void copy(Path sessionsRoot, List<String> folders) {
        for (String folder : folders) {
            Path from = existing(ROOT.resolve("sessions").resolve(folder));
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path to = sessionsRoot.resolve(folder).resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The own JID Baileys stored for {@code folder} (creds.json me.id). */
    public static String ownJid(Path folder) {
        try {
            return JSON.readTree(Files.readAllBytes(folder.resolve("creds.json"))).get("me").get("id").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file and folder under {@code root}: relative path -> SHA-256 of the bytes and the modification time. */
    public static Map<String, String> fingerprint(Path root) {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.toList()) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String content = attributes.isRegularFile() ? sha256(Files.readAllBytes(file)) : "dir";
                all.put(root.relativize(file).toString(), content + " " + attributes.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("adoption fixture missing: " + path
                    + " (conformance/scripts/make-server-adoption-fixture.sh makes it)");
        }
        return path;
    }
}
