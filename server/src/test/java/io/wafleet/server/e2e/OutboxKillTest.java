package io.wafleet.server.e2e;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.server.WaFleetApplication;
import io.wafleet.server.testing.Http;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.messaging.ReceivedMessage;
import io.wafleet.simulator.messaging.SimulatedContact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's promise against a real process: 1000 messages accepted over 10 accounts while they are offline, the
 * server killed with SIGKILL with all of them queued, restarted, killed again while it drains them, and restarted
 * once more on the same volume. Every accepted message reaches its simulated
 * contact, under the id fixed at acceptance, and none arrives as a second distinct message; per account they
 * arrive in acceptance order. A copy resent after the kill under the same id (its ack was lost with the process)
 * is counted and reported, and is one message to WhatsApp and to the recipient.
 */
class OutboxKillTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "kill-test-admin-token-0123456789";
    private static final int ACCOUNTS = 10;
    private static final int PER_ACCOUNT = 100;

    @TempDir
    Path temp;

    private WaSimulator simulator;
    private final List<Process> processes = new ArrayList<>();
    private int port;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void killNineWhileDrainingThousandMessagesThenEveryOneArrivesOnceInOrder() throws Exception {
        simulator = WaSimulator.builder().start();
        Path sessions = temp.resolve("sessions");
        Http http = start(sessions, "first");

        List<String> ids = new ArrayList<>();
        for (int slot = 1; slot <= ACCOUNTS; slot++) {
            ids.add("WA-%02d".formatted(slot));
        }
        Links.linkAll(http, simulator, ids, "+1666%07d");
        await(ACCOUNTS + " connected", () -> JSON.readTree(http.get("/api/status/dashboard").body())
                .get("summary").get("connected").asInt() == ACCOUNTS, 60);

        // Offline while the messages are accepted: all 1000 are queued when the first SIGKILL comes.
        simulator.faults().refuseConnections(true);
        simulator.everyDevice().drop();
        await("every account offline", () -> JSON.readTree(http.get("/api/status/dashboard").body())
                .get("summary").get("connected").asInt() == 0, 30);

        Map<String, SimulatedContact> contacts = new LinkedHashMap<>();
        ids.forEach(id -> contacts.put(id, simulator.newContact("+1999%07d".formatted(ids.indexOf(id) + 1))));
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        ids.forEach(id -> accepted.put(id, new ArrayList<>()));
        // One poster per account, all at once: each account's order is its poster's order.
        List<Future<?>> posting = new ArrayList<>();
        try (ExecutorService posters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                posting.add(posters.submit(() -> {
                    for (int i = 0; i < PER_ACCOUNT; i++) {
                        HttpResponse<String> response = http.send(http.authorized("/api/accounts/" + id + "/messages")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                        Map.of("to", contacts.get(id).number() + "@s.whatsapp.net", "text", id + " #" + i)))));
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                        accepted.get(id).add(JSON.readTree(response.body()).get("messageId").asString());
                    }
                    return null;
                }));
            }
        }
        for (Future<?> poster : posting) {
            poster.get(); // rethrows a refused post
        }
        int total = ACCOUNTS * PER_ACCOUNT;
        assertThat(received(contacts)).isEmpty();
        kill(processes.getLast());

        simulator.faults().refuseConnections(false);
        start(sessions, "second");
        await("the drain under way", () -> received(contacts).size() >= total / 4, 120);
        kill(processes.getLast());
        int atKill = distinctIds(received(contacts));

        Http again = start(sessions, "third");
        await("all " + total + " delivered after the restart", () -> distinctIds(received(contacts)) >= total, 180);
        Thread.sleep(1000); // a late duplicate, if any, arrives before counting

        List<ReceivedMessage> all = received(contacts);
        Map<String, Long> copies = all.stream().collect(Collectors.groupingBy(ReceivedMessage::id, Collectors.counting()));
        long resentCopies = copies.values().stream().mapToLong(n -> n - 1).sum();
        Map<String, Long> idsPerText = all.stream().collect(Collectors.groupingBy(ReceivedMessage::text,
                Collectors.mapping(ReceivedMessage::id, Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
        System.out.printf("outbox kill test: accepted %d while offline; SIGKILL with all %d queued; restarted, SIGKILL again "
                        + "after %d delivered (%d still queued); after the second restart %d distinct delivered, "
                        + "%d messages under a second id, %d same-id resent copies%n",
                total, total, atKill, total - atKill, copies.size(), idsPerText.values().stream().filter(n -> n > 1).count(), resentCopies);

        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(accepted.values().stream().flatMap(List::stream).toList());
        assertThat(idsPerText).as("no message delivered as two distinct messages").allSatisfy((text, n) -> assertThat(n).isEqualTo(1));
        assertThat(atKill).as("the kill came while the queue was draining").isLessThan(total);
        for (String id : ids) {
            List<String> order = contacts.get(id).received().stream().map(ReceivedMessage::id).distinct().toList();
            assertThat(order).as(id + " in acceptance order").containsExactlyElementsOf(accepted.get(id));
        }
        for (String id : ids) {
            String last = accepted.get(id).getLast();
            await(id + " reports its last message sent", () -> !JSON.readTree(again.get("/api/accounts/" + id + "/messages/" + last).body())
                    .get("status").asString().equals("queued"), 30);
        }
        Process second = processes.getLast();
        second.destroy();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(temp.resolve("second.out"))).contains("WA-01: 100 queued messages restored from the outbox");
        assertThat(Files.readString(temp.resolve("third.out"))).contains("queued messages restored from the outbox");
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static List<ReceivedMessage> received(Map<String, SimulatedContact> contacts) {
        return contacts.values().stream().flatMap(c -> c.received().stream()).filter(m -> !m.fromOwnDevice()).toList();
    }

    private static int distinctIds(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::id).collect(Collectors.toSet()).size();
    }

    private Http start(Path sessions, String name) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                WaFleetApplication.class.getName());
        builder.environment().clear();
        builder.environment().putAll(Map.of(
                "SESSIONS_PATH", sessions.toString(),
                "ADMIN_TOKEN", TOKEN,
                "PORT", Integer.toString(port),
                "WA_ACCOUNTS", Integer.toString(ACCOUNTS),
                "WA_SERVER_URL", simulator.url().toString(),
                "WA_TRUSTED_ROOT_KEY", HexFormat.of().formatHex(simulator.rootPublicKey()),
                "WA_HANDSHAKES_IN_FLIGHT", "10",
                "WA_HANDSHAKES_PER_SECOND", "30",
                "WA_SEND_RATE_PER_MINUTE", "300"));
        builder.redirectOutput(temp.resolve(name + ".out").toFile());
        builder.redirectError(temp.resolve(name + ".err").toFile());
        Process process = builder.start();
        processes.add(process);
        Function<String, String> read = file -> {
            try {
                return Files.exists(temp.resolve(file)) ? Files.readString(temp.resolve(file)) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        await("the start line", () -> read.apply(name + ".out").contains("wa-fleet started") || !process.isAlive(), 60);
        assertThat(process.isAlive()).as(read.apply(name + ".err")).isTrue();
        return new Http(port, TOKEN);
    }
}
