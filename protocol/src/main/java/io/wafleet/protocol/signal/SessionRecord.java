package io.wafleet.protocol.signal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every session we keep with one peer device: at most one open session (the one we send on) and the closed
 * ones, which still decrypt messages the peer sent before the newer session replaced them.
 *
 * <p>At most {@link #MAX_SESSIONS} sessions are kept, the open one included; beyond that the session closed
 * longest ago goes. libsignal keeps the same number, so a record adopted from Baileys loses nothing. A closed
 * session only matters for messages still in flight when it was replaced, so 40 is generous.
 */
final class SessionRecord {
    static final int MAX_SESSIONS = 40;

    private final List<Session> sessions;

    SessionRecord(List<Session> sessions) {
        this.sessions = new ArrayList<>();
        for (Session session : sessions) {
            if (session(session.origin().baseKey()).isPresent()) {
                throw new SignalException(SignalException.Reason.MALFORMED, "a session record holds two sessions with one base key");
            }
            put(session);
        }
        if (this.sessions.stream().filter(Session::isOpen).count() > 1) {
            throw new SignalException(SignalException.Reason.MALFORMED, "a session record holds more than one open session");
        }
    }

    static SessionRecord empty() {
        return new SessionRecord(List.of());
    }

    SessionRecord copy() {
        return new SessionRecord(sessions.stream().map(Session::copy).toList());
    }

    /** The sessions in the order they were first stored (live objects). */
    List<Session> sessions() {
        return List.copyOf(sessions);
    }

    boolean isEmpty() {
        return sessions.isEmpty();
    }

    Optional<Session> openSession() {
        return sessions.stream().filter(Session::isOpen).findFirst();
    }

    Optional<Session> session(byte[] baseKey) {
        return sessions.stream().filter(session -> session.hasBaseKey(baseKey)).findFirst();
    }

    /** The order to try sessions for a msg: most recently used first, ties in storage order. */
    List<Session> mostRecentlyUsedFirst() {
        return sessions.stream().sorted(Comparator.comparingLong(Session::usedMs).reversed()).toList();
    }

    void closeOpenSession(long nowMs) {
        openSession().ifPresent(session -> session.close(nowMs));
    }

    /** Stores {@code session}, replacing the one with the same base key in place, then evicts beyond the bound. */
    void put(Session session) {
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).hasBaseKey(session.origin().baseKey())) {
                sessions.set(i, session);
                return;
            }
        }
        sessions.add(session);
        while (sessions.size() > MAX_SESSIONS) {
            Session oldest = sessions.stream()
                    .filter(candidate -> !candidate.isOpen())
                    .min(Comparator.comparingLong(candidate -> candidate.closedMs().orElseThrow()))
                    .orElseThrow(() -> new IllegalStateException("more open sessions than the record allows"));
            sessions.remove(oldest);
        }
    }

    @Override
    public String toString() {
        return "SessionRecord[sessions=" + sessions.size() + ", open=" + openSession().isPresent() + "]";
    }
}
