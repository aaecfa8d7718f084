package io.wafleet.protocol.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The auth state of one account: credentials plus key records by category. Implementations are safe for use
 * from several threads and durable: once {@link #apply} returns, a {@code kill -9} or power loss does not lose
 * the change, and a crash while it runs leaves either all of it or none of it.
 */
public interface AuthStore extends AutoCloseable {

    /** The committed credentials and sequence. */
    AuthState state();

    /** The records stored under {@code ids}; ids without a record are absent from the map. */
    Map<String, byte[]> read(KeyCategory category, Collection<String> ids);

    default Optional<byte[]> read(KeyCategory category, String id) {
        return Optional.ofNullable(read(category, List.of(id)).get(id));
    }

    /** Every id with a record in {@code category}, in order; for export and audits, not for hot paths. */
    SortedSet<String> ids(KeyCategory category);

    /**
     * Commits {@code change} atomically and durably. If it throws, the change is, once the store is reopened,
     * either wholly there or wholly absent (a failed fsync cannot tell which), never partly.
     */
    void apply(StateChange change);

    /** Releases the account (its lock and files). Further calls fail. */
    @Override
    void close();
}
