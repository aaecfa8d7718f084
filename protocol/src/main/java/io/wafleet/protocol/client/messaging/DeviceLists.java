package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.jid.Jid;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The devices of the users we send to, from usync (protocol.md §8.1), cached for {@link #TTL} as WhatsApp Web
 * does and bounded to {@link #MAX_USERS} users (least recently used leave first). Every answer also teaches
 * {@link LidMappings} the user's LID.
 */
final class DeviceLists {
    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_USERS = 1024;

    private final LidMappings lids;
    private final InstantSource clock;
    private final AtomicLong sids = new AtomicLong();
    private final Map<Jid, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Jid, Cached> eldest) {
            return size() > MAX_USERS;
        }
    };

    private record Cached(List<Jid> devices, Instant fetchedAt) {}

    DeviceLists(LidMappings lids, InstantSource clock) {
        this.lids = lids;
        this.clock = clock;
    }

    /** Every device of every user (user JIDs in, device JIDs out in the same form); one usync for the stale ones. */
    CompletableFuture<Map<Jid, List<Jid>>> devicesOf(ServerLink link, List<Jid> users, Executor async) {
        Map<Jid, List<Jid>> known = new LinkedHashMap<>();
        List<Jid> stale = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (Jid user : users) {
                Cached entry = cache.get(user);
                if (entry != null && entry.fetchedAt().plus(TTL).isAfter(now)) {
                    known.put(user, entry.devices());
                } else {
                    stale.add(user);
                }
            }
        }
        if (stale.isEmpty()) {
            return CompletableFuture.completedFuture(known);
        }
        return link.query(Usync.query("usync-" + sids.incrementAndGet(), stale)).thenApplyAsync(reply -> {
            for (Usync.UserDevices answer : Usync.parse(reply)) {
                answer.lid().ifPresent(lid -> lids.learn(answer.user(), lid));
                List<Jid> devices = answer.deviceIds().stream()
                        .map(id -> Jid.of(answer.user().user(), answer.user().server(), id)).toList();
                remember(answer.user(), devices);
                known.put(answer.user(), devices);
            }
            return known;
        }, async);
    }

    private synchronized void remember(Jid user, List<Jid> devices) {
        cache.put(user, new Cached(List.copyOf(devices), clock.instant()));
    }
}
