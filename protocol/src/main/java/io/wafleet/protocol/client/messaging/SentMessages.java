package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The messages we sent recently, by id, so that a device that could not decrypt one (a retry receipt) can be
 * sent it again. In memory and bounded: most retries ask within seconds, and this answers them without asking the
 * owner; older ids, and every id after a restart, are left to the owner's {@link SentTextLookup}.
 */
final class SentMessages {
    static final int CAPACITY = 512;

    record Sent(Jid to, Message message) {}

    private final Map<String, Sent> recent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void remember(String id, Jid to, Message message) {
        recent.put(id, new Sent(to, message));
    }

    synchronized Optional<Sent> find(String id) {
        return Optional.ofNullable(recent.get(id));
    }
}
