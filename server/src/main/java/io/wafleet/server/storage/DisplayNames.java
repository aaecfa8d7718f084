package io.wafleet.server.storage;

import io.wafleet.server.registry.AccountId;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The operator's names for the slots ("Sales RO"), kept in one small file beside the account directories and
 * rewritten crash-safely on every change.
 */
public final class DisplayNames {

    static final String FILE = ".wa-fleet-names.properties";

    private final Path file;
    private final Properties names = new Properties();

    public DisplayNames(Path sessionsRoot) {
        this.file = sessionsRoot.resolve(FILE);
        if (Files.exists(file)) {
            try {
                names.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    public synchronized Optional<String> get(AccountId account) {
        return Optional.ofNullable(names.getProperty(account.value()));
    }

    public synchronized void set(AccountId account, String name) {
        names.setProperty(account.value(), name);
        try {
            StringWriter out = new StringWriter();
            names.store(out, "wa-fleet display names");
            Durable.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
