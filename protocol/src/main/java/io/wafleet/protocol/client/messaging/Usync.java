package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The usync device-list query (protocol.md §8.1): which devices a user has, and the user's LID. */
final class Usync {
    private Usync() {}

    /** One user's answer: its devices (device 0 and companions with a key index) and its LID when known. */
    record UserDevices(Jid user, List<Integer> deviceIds, Optional<Jid> lid) {
        UserDevices {
            deviceIds = List.copyOf(deviceIds);
        }
    }

    static Node query(String sid, List<Jid> users) {
        List<Node> list = users.stream().map(user -> Node.of("user", "jid", user.toNormalizedUser().toString())).toList();
        return Node.builder("iq").attr("to", Jid.SERVER.toString()).attr("type", "get").attr("xmlns", "usync")
                .child(Node.builder("usync").attr("context", "message").attr("mode", "query").attr("sid", sid)
                        .attr("last", "true").attr("index", "0")
                        .child(Node.builder("query").child(Node.of("devices", "version", "2")).child(Node.of("lid")).build())
                        .child(Node.builder("list").children(list).build())
                        .build())
                .build();
    }

    /**
     * Reads the answer. A companion (device other than 0) without a {@code key-index} is left out, as WhatsApp Web
     * does: the primary has not vouched for it.
     */
    static List<UserDevices> parse(Node reply) {
        IqReplies.requireResult(reply, "usync");
        Node list = reply.child("usync").flatMap(u -> u.child("list"))
                .orElseThrow(() -> new MessagingException("usync answer without a list"));
        List<UserDevices> users = new ArrayList<>();
        for (Node user : list.childrenByTag("user")) {
            Optional<Jid> jid = user.attr("jid").flatMap(Jid::parse);
            if (jid.isEmpty()) {
                continue;
            }
            List<Integer> devices = new ArrayList<>();
            user.child("devices").flatMap(d -> d.child("device-list")).ifPresent(deviceList -> {
                for (Node device : deviceList.childrenByTag("device")) {
                    Optional<Integer> id = device.attr("id").flatMap(Usync::number);
                    if (id.isPresent() && (id.get() == 0 || device.attr("key-index").isPresent())) {
                        devices.add(id.get());
                    }
                }
            });
            Optional<Jid> lid = user.child("lid").flatMap(l -> l.attr("val")).flatMap(Jid::parse).filter(Jid::isLidUser);
            users.add(new UserDevices(jid.get().toNormalizedUser(), devices, lid));
        }
        return users;
    }

    private static Optional<Integer> number(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }
}
