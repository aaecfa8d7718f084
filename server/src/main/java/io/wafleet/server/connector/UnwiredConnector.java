package io.wafleet.server.connector;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.server.registry.AccountId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Stands in when no client adapter is on the classpath: every slot stays {@code STOPPED} with reason
 * {@code client-not-wired}, link and restart answer 503, and the start line says so. It never pretends to
 * connect, and it does not guess which files are credentials: any non-empty directory is {@code UNKNOWN}.
 */
public final class UnwiredConnector implements AccountConnector {

    public static final String REASON = "client-not-wired";

    @Override
    public String description() {
        return "NOT WIRED: no WhatsApp client adapter in this build; accounts cannot connect";
    }

    @Override
    public SlotContents inspect(Path accountDirectory) {
        if (!Files.isDirectory(accountDirectory)) {
            return SlotContents.EMPTY;
        }
        try (Stream<Path> entries = Files.list(accountDirectory)) {
            return entries.findAny().isPresent() ? SlotContents.UNKNOWN : SlotContents.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + accountDirectory, e);
        }
    }

    @Override
    public AccountSession open(AccountId account, Path accountDirectory, Consumer<ClientEvent> events) {
        throw new ConnectorUnavailableException("no WhatsApp client adapter is wired into this build");
    }

    @Override
    public boolean refreshClientVersion() {
        return false;
    }
}
