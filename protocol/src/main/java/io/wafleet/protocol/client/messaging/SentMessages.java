package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The messages we sent recently, by id, so that a device that could not decrypt one (a retry receipt) can be
 * sent it again. In memory and bounded: a retry asks within seconds; after a restart old ids are not answered,
 * which costs the peer a "waiting for this message" placeholder, never a wrong message.
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
