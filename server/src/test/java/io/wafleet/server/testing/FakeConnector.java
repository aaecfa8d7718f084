package io.wafleet.server.testing;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.DisconnectReason;
import io.wafleet.server.connector.AccountConnector;
import io.wafleet.server.connector.AccountSession;
import io.wafleet.server.connector.SlotContents;
import io.wafleet.server.registry.AccountId;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A connector the test drives by hand: it records every {@code open}, and the test pushes the events a real
 * client would send ({@link #emit}). Credentials are a set of account ids, not files.
 */
public final class FakeConnector implements AccountConnector {

    private final Map<AccountId, List<FakeSession>> sessions = new ConcurrentHashMap<>();
    private final Map<AccountId, Boolean> credentials = new ConcurrentHashMap<>();
    private volatile boolean versionRefreshWorks = true;
    private volatile Optional<RuntimeException> openFailure = Optional.empty();
    private volatile int versionRefreshes;

    public final class FakeSession implements AccountSession {
        final AccountId account;
        final Consumer<ClientEvent> events;
        volatile boolean closed;
        volatile boolean loggedOut;

        FakeSession(AccountId account, Consumer<ClientEvent> events) {
            this.account = account;
            this.events = events;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void logout() {
            loggedOut = true;
            closed = true;
            credentials.remove(account);
        }

        /** What a real socket does when it is closed under it: report the end of its attempt, late. */
        public void closeWithLateEvent() {
            events.accept(closedEvent(DisconnectReason.of(DisconnectReason.Category.TRANSIENT, 428, "connection-closed")));
        }

        public boolean closed() {
            return closed;
        }

        public boolean loggedOut() {
            return loggedOut;
        }
    }

    public void giveCredentials(AccountId account) {
        credentials.put(account, true);
    }

    /** Makes every {@code open} throw {@code failure} (null: open normally again). */
    public void failOpens(RuntimeException failure) {
        openFailure = Optional.ofNullable(failure);
    }

    public void failVersionRefresh(boolean fail) {
        versionRefreshWorks = !fail;
    }

    public int versionRefreshes() {
        return versionRefreshes;
    }

    public int opens(AccountId account) {
        return sessions.getOrDefault(account, List.of()).size();
    }

    public Optional<FakeSession> latest(AccountId account) {
        List<FakeSession> list = sessions.getOrDefault(account, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getLast());
    }

    /** Sends {@code event} as the client of the latest attempt of {@code account} would. */
    public void emit(AccountId account, ClientEvent event) {
        FakeSession session = latest(account).orElseThrow(() -> new AssertionError("no session for " + account));
        if (event instanceof ClientEvent.Paired) {
            credentials.put(account, true);
        }
        session.events.accept(event);
    }

    public void connect(AccountId account) {
        emit(account, new ClientEvent.Connected("40712345612@s.whatsapp.net", Optional.empty()));
    }

    public void close(AccountId account, DisconnectReason.Category category, int code, String detail) {
        emit(account, closedEvent(DisconnectReason.of(category, code, detail)));
    }

    /** The event a client sends when a connection ends for {@code reason}. */
    public static ClientEvent.Closed closedEvent(DisconnectReason reason) {
        return switch (reason.category()) {
            case TRANSIENT, RESTART_REQUIRED -> new ClientEvent.Disconnected(reason);
            case LOGGED_OUT -> new ClientEvent.LoggedOut(reason);
            case STREAM_REPLACED -> new ClientEvent.StreamReplaced(reason);
            case TEMPORARILY_BANNED -> new ClientEvent.TemporarilyBanned(reason.until(), reason);
            case BANNED -> new ClientEvent.Banned(reason);
            case CLIENT_OUTDATED -> new ClientEvent.ClientOutdated(reason);
        };
    }

    public void offerQr(AccountId account, String code, Instant expiresAt) {
        emit(account, new ClientEvent.QrCode(code, expiresAt));
    }

    @Override
    public String description() {
        return "fake connector for tests";
    }

    @Override
    public SlotContents inspect(Path accountDirectory) {
        AccountId account = AccountId.of(accountDirectory.getFileName().toString());
        return credentials.containsKey(account) ? SlotContents.CREDENTIALS : SlotContents.EMPTY;
    }

    @Override
    public AccountSession open(AccountId account, Path accountDirectory, Consumer<ClientEvent> events) {
        openFailure.ifPresent(failure -> {
            throw failure;
        });
        FakeSession session = new FakeSession(account, events);
        sessions.computeIfAbsent(account, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(session);
        return session;
    }

    @Override
    public boolean refreshClientVersion() {
        versionRefreshes++;
        return versionRefreshWorks;
    }
}
