package io.wafleet.simulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.jid.JidServer;
import io.wafleet.protocol.noise.CertChainDefect;
import io.wafleet.simulator.Faults;
import io.wafleet.simulator.PairSuccessDefect;
import io.wafleet.simulator.SimulatorStats;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.device.Ban;
import io.wafleet.simulator.device.DeviceView;
import io.wafleet.simulator.device.PhoneAccount;
import io.wafleet.simulator.messaging.ReceivedMessage;
import io.wafleet.simulator.messaging.SimulatedContact;
import io.wafleet.simulator.device.StreamErrorKind;
import io.wafleet.simulator.phone.PairingException;
import io.wafleet.simulator.phone.SimulatedPhone;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The standalone simulator's JSON control API, for Baileys, the demo mode and benchmarks. JDK HTTP server on
 * virtual threads; every answer is JSON, every refusal is {@code {"error": "..."}} with a 4xx status.
 * <pre>
 *   GET  /devices                        [{jid, phone, connected, liveConnections, maxLiveConnections, replacedCount, lastLoginAt, ...}]
 *   GET  /devices/{jid}                  one device
 *   POST /phones {"phone"}               {phone}
 *   POST /phones/{phone}/scan {"qr"}     {deviceJid} once pairing completed
 *   POST /devices/{jid}/stream-error {"code": 401|440|500|503|515}
 *   POST /devices/{jid}/drop | /silence {"seconds"} | /ban {"seconds"?} | /unban | /logout
 *   POST /devices/{jid}/failure {"reason": 400..599} | /end-stream | /close
 *        ({jid} = "all": every logged-in device, for drop, silence and stream-error)
 *   GET|POST /faults {"refuseConnections", "handshakeDelayMs", "certChainDefect", "pairSuccessDefect", "withholdIqs"}
 *   GET  /stats                          the counters
 *   POST /contacts {"phone"}             {phone, jid, lid, pushName}: an account whose primary device is simulated
 *   POST /contacts {"phones": [...]}     [{phone, jid, lid, pushName}]: several, with one write of the state file
 *   GET  /contacts, /contacts/{phone}    the same shape (any account, also a phone that linked companions)
 *   GET  /contacts/{phone}/messages      [{id, from, chat, text, fromOwnDevice, encryption, acceptedAt, receivedAt}]
 *                                        (acceptedAt: the server acked the sender; ISO-8601, microseconds)
 *   POST /contacts/{phone}/messages {"to", "text"}   {id}: the contact sends a text ("to": a JID or a phone number)
 *   GET  /contacts/{phone}/receipts      [{id, from, type}] for the messages it sent
 * </pre>
 */
public final class ControlServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL_DEVICES = "all";
    private static final long MAX_SECONDS = 10L * 365 * 24 * 3600;
    /** E.164's 15 digits with a +, spaces and dashes to spare. */
    private static final int MAX_PHONE_LENGTH = 32;

    private final WaSimulator simulator;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private ControlServer(WaSimulator simulator, InetSocketAddress address) throws IOException {
        this.simulator = simulator;
        this.server = HttpServer.create(address, 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static ControlServer start(WaSimulator simulator, InetSocketAddress address) throws IOException {
        return new ControlServer(simulator, address);
    }

    public URI url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            JsonNode answer;
            try {
                answer = route(exchange.getRequestMethod(), segments(exchange.getRequestURI()), exchange);
            } catch (ApiException e) {
                status = e.status();
                answer = error(e.getMessage());
            } catch (PairingException e) {
                status = 409;
                answer = error(e.getMessage());
            } catch (IllegalArgumentException e) {
                status = 400;
                answer = error(e.getMessage());
            } catch (RuntimeException e) {
                // A simulator fault (e.g. the state file cannot be written) is the server's, not the caller's.
                status = 500;
                answer = error("simulator error: " + e.getMessage());
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private JsonNode route(String method, List<String> path, HttpExchange exchange) throws IOException {
        return switch (path.size()) {
            case 1 -> switch (path.get(0)) {
                case "devices" -> get(method, () -> devices(simulator.devices()));
                case "stats" -> get(method, () -> stats(simulator.stats()));
                case "faults" -> method.equals("GET") ? faults(simulator.faults())
                        : post(method, () -> setFaults(body(exchange, Set.of("refuseConnections", "handshakeDelayMs",
                                "certChainDefect", "pairSuccessDefect", "withholdIqs"))));
                case "phones" -> post(method, () -> createPhone(body(exchange, Set.of("phone"))));
                case "contacts" -> method.equals("GET") ? contactsJson(simulator.contacts())
                        : post(method, () -> createContacts(body(exchange, Set.of("phone", "phones"))));
                default -> throw ApiException.notFound("no such endpoint");
            };
            case 2 -> switch (path.get(0)) {
                case "devices" -> get(method, () -> deviceJson(deviceControl(path.get(1)).view()));
                case "contacts" -> get(method, () -> contactJson(contact(path.get(1))));
                default -> throw ApiException.notFound("no such endpoint");
            };
            case 3 -> switch (path.get(0) + "/" + path.get(2)) {
                case "contacts/messages" -> method.equals("GET") ? messagesJson(contact(path.get(1)).received())
                        : post(method, () -> sendFromContact(path.get(1), body(exchange, Set.of("to", "text"))));
                case "contacts/receipts" -> get(method, () -> receiptsJson(contact(path.get(1)).receipts()));
                case "phones/scan" -> post(method, () -> scan(path.get(1), body(exchange, Set.of("qr"))));
                case "devices/stream-error" -> post(method, () -> streamError(path.get(1), body(exchange, Set.of("code"))));
                case "devices/drop" -> post(method, () -> affected(everyOrOne(path.get(1),
                        every -> every.drop(), one -> one.drop())));
                case "devices/silence" -> post(method, () -> silence(path.get(1), body(exchange, Set.of("seconds"))));
                case "devices/ban" -> post(method, () -> ban(path.get(1), body(exchange, Set.of("seconds"))));
                case "devices/unban" -> post(method, () -> {
                    deviceControl(path.get(1)).unban();
                    return JSON.createObjectNode().put("unbanned", true);
                });
                case "devices/logout" -> post(method, () -> affected(deviceControl(path.get(1)).logout()));
                case "devices/failure" -> post(method, () -> affected(deviceControl(path.get(1)).failure(
                        (int) body(exchange, Set.of("reason")).requiredWholeNumber("reason", 400, 599))));
                case "devices/end-stream" -> post(method, () -> affected(deviceControl(path.get(1)).endStream()));
                case "devices/close" -> post(method, () -> affected(deviceControl(path.get(1)).closeSocket()));
                default -> throw ApiException.notFound("no such endpoint");
            };
            default -> throw ApiException.notFound("no such endpoint");
        };
    }

    // ---- handlers -----------------------------------------------------------------------------------

    /** {"phone"}: one contact; {"phones": [...]}: several, answered as an array, with one write of the state file. */
    private JsonNode createContacts(JsonBody body) {
        Optional<List<String>> phones = body.strings("phones", MAX_PHONE_LENGTH);
        if (phones.isPresent() == body.has("phone")) {
            throw ApiException.badRequest("give either 'phone' or 'phones'");
        }
        if (phones.isEmpty()) {
            return contactJson(simulator.newContact(body.requiredString("phone")));
        }
        if (phones.get().isEmpty()) {
            throw ApiException.badRequest("'phones' must name at least one phone");
        }
        return contactsJson(simulator.newContacts(phones.get()));
    }

    private JsonNode createPhone(JsonBody body) {
        SimulatedPhone phone = simulator.newPhone(body.requiredString("phone"));
        return JSON.createObjectNode().put("phone", "+" + phone.number());
    }

    private SimulatedContact contact(String number) {
        return simulator.contact(number).orElseThrow(() -> ApiException.notFound("no such account; create it with POST /contacts"));
    }

    private JsonNode sendFromContact(String number, JsonBody body) {
        String to = body.requiredString("to");
        String text = body.requiredString("text");
        Jid recipient = Jid.parse(to).orElseGet(() -> Jid.of(PhoneAccount.normalizeNumber(to), JidServer.WHATSAPP));
        String id = contact(number).send(recipient, text);
        return JSON.createObjectNode().put("id", id);
    }

    private JsonNode scan(String number, JsonBody body) {
        String qr = body.requiredString("qr");
        SimulatedPhone phone = simulator.phone(number)
                .orElseThrow(() -> ApiException.notFound("no such phone; create it with POST /phones"));
        Jid device = phone.scan(qr);
        return JSON.createObjectNode().put("deviceJid", device.toString());
    }

    private JsonNode streamError(String target, JsonBody body) {
        long code = body.requiredWholeNumber("code", 0, 999);
        StreamErrorKind kind = StreamErrorKind.ofCode((int) code).orElseThrow(() -> ApiException.badRequest(
                "'code' must be one of " + Arrays.stream(StreamErrorKind.values()).map(k -> Integer.toString(k.code())).toList()));
        if (target.equals(ALL_DEVICES) && kind == StreamErrorKind.DEVICE_REMOVED) {
            throw ApiException.badRequest("401 (device removed) is per device, not for 'all'");
        }
        return affected(everyOrOne(target, every -> every.streamError(kind), one -> one.streamError(kind)));
    }

    private JsonNode silence(String target, JsonBody body) {
        Duration duration = Duration.ofSeconds(body.requiredWholeNumber("seconds", 1, MAX_SECONDS));
        return affected(everyOrOne(target, every -> every.silence(duration), one -> one.silence(duration)));
    }

    private JsonNode ban(String target, JsonBody body) {
        Optional<Long> seconds = body.wholeNumber("seconds", 1, MAX_SECONDS);
        WaSimulator.DeviceControl device = deviceControl(target);
        Ban ban = seconds.map(s -> device.ban(Duration.ofSeconds(s))).orElseGet(device::banPermanently);
        return banJson(ban);
    }

    private JsonNode setFaults(JsonBody body) {
        Faults faults = simulator.faults();
        Optional<Long> delay = body.wholeNumber("handshakeDelayMs", 0, 600_000);
        Optional<Boolean> refuse = body.bool("refuseConnections");
        Optional<Optional<CertChainDefect>> certDefect = defect(body, "certChainDefect", CertChainDefect.class);
        Optional<Optional<PairSuccessDefect>> pairDefect = defect(body, "pairSuccessDefect", PairSuccessDefect.class);
        Optional<List<String>> withheld = body.strings("withholdIqs", 64);
        refuse.ifPresent(faults::refuseConnections);
        delay.ifPresent(ms -> faults.handshakeDelay(Duration.ofMillis(ms)));
        certDefect.ifPresent(faults::certChainDefect);
        pairDefect.ifPresent(faults::pairSuccessDefect);
        withheld.ifPresent(namespaces -> faults.withholdIqs(Set.copyOf(namespaces)));
        return faults(faults);
    }

    /** Absent: leave as is; null: clear; a name: set. */
    private static <E extends Enum<E>> Optional<Optional<E>> defect(JsonBody body, String field, Class<E> type) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        if (body.isNull(field)) {
            return Optional.of(Optional.empty());
        }
        String name = body.requiredString(field);
        try {
            return Optional.of(Optional.of(Enum.valueOf(type, name)));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'" + field + "' must be null or one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        }
    }

    private int everyOrOne(String target, java.util.function.ToIntFunction<WaSimulator.EveryDevice> every,
            java.util.function.ToIntFunction<WaSimulator.DeviceControl> one) {
        return target.equals(ALL_DEVICES) ? every.applyAsInt(simulator.everyDevice()) : one.applyAsInt(deviceControl(target));
    }

    private WaSimulator.DeviceControl deviceControl(String jidText) {
        Jid jid = Jid.parse(jidText).orElseThrow(() -> ApiException.badRequest("not a JID: expected user:device@s.whatsapp.net"));
        try {
            return simulator.device(jid);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no such device");
        }
    }

    // ---- JSON shapes --------------------------------------------------------------------------------

    private static JsonNode devices(List<DeviceView> views) {
        ArrayNode array = JSON.createArrayNode();
        views.forEach(view -> array.add(deviceJson(view)));
        return array;
    }

    private static ObjectNode deviceJson(DeviceView view) {
        ObjectNode node = JSON.createObjectNode();
        node.put("jid", view.jid().toString());
        node.put("lid", view.lid().toString());
        node.put("phone", "+" + view.phone());
        node.put("connected", view.connected());
        node.put("liveConnections", view.liveConnections());
        node.put("maxLiveConnections", view.maxLiveConnections());
        node.put("replacedCount", view.replacedCount());
        if (view.lastLoginAt().isPresent()) {
            node.put("lastLoginAt", view.lastLoginAt().get().toString());
        } else {
            node.putNull("lastLoginAt");
        }
        node.put("removed", view.removed());
        if (view.ban().isPresent()) {
            node.set("ban", banJson(view.ban().get()));
        } else {
            node.putNull("ban");
        }
        return node;
    }

    private static JsonNode contactsJson(List<SimulatedContact> contacts) {
        ArrayNode array = JSON.createArrayNode();
        contacts.forEach(contact -> array.add(contactJson(contact)));
        return array;
    }

    private static ObjectNode contactJson(SimulatedContact contact) {
        ObjectNode node = JSON.createObjectNode();
        node.put("phone", "+" + contact.number());
        node.put("jid", contact.jid().toString());
        node.put("lid", contact.lid().toString());
        node.put("pushName", contact.pushName());
        return node;
    }

    private static JsonNode messagesJson(List<ReceivedMessage> messages) {
        ArrayNode array = JSON.createArrayNode();
        for (ReceivedMessage message : messages) {
            array.addObject()
                    .put("id", message.id())
                    .put("from", message.from().toString())
                    .put("chat", message.chat().toString())
                    .put("text", message.text())
                    .put("fromOwnDevice", message.fromOwnDevice())
                    .put("encryption", message.encryption().attribute())
                    .put("acceptedAt", message.acceptedAt().toString())
                    .put("receivedAt", message.receivedAt().toString());
        }
        return array;
    }

    private static JsonNode receiptsJson(List<SimulatedContact.DeliveryReceipt> receipts) {
        ArrayNode array = JSON.createArrayNode();
        for (SimulatedContact.DeliveryReceipt receipt : receipts) {
            ObjectNode node = array.addObject().put("id", receipt.messageId()).put("from", receipt.from().toString());
            node.put("type", receipt.type().orElse(null));
        }
        return array;
    }

    private static ObjectNode banJson(Ban ban) {
        ObjectNode node = JSON.createObjectNode();
        node.put("permanent", ban.isPermanent());
        node.put("reason", ban.isPermanent() ? Ban.PERMANENT_REASON : Ban.TEMPORARY_REASON);
        if (ban.expiresAt().isPresent()) {
            node.put("code", ban.code());
            node.put("expiresAt", ban.expiresAt().get().toString());
        }
        return node;
    }

    private static JsonNode stats(SimulatorStats stats) {
        return JSON.valueToTree(stats);
    }

    private static JsonNode faults(Faults faults) {
        ObjectNode node = JSON.createObjectNode();
        node.put("refuseConnections", faults.refusesConnections());
        node.put("handshakeDelayMs", faults.handshakeDelay().toMillis());
        node.put("certChainDefect", faults.certChainDefect().map(Enum::name).orElse(null));
        node.put("pairSuccessDefect", faults.pairSuccessDefect().map(Enum::name).orElse(null));
        ArrayNode withheld = node.putArray("withholdIqs");
        faults.withheldIqNamespaces().stream().sorted().forEach(withheld::add);
        return node;
    }

    private static JsonNode affected(int connections) {
        return JSON.createObjectNode().put("affectedConnections", connections);
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    private interface Handler {
        JsonNode handle() throws IOException;
    }

    private static JsonNode get(String method, Handler handler) throws IOException {
        if (!method.equals("GET")) {
            throw new ApiException(405, "use GET");
        }
        return handler.handle();
    }

    private static JsonNode post(String method, Handler handler) throws IOException {
        if (!method.equals("POST")) {
            throw new ApiException(405, "use POST");
        }
        return handler.handle();
    }

    private static JsonBody body(HttpExchange exchange, Set<String> allowedFields) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(JsonBody.MAX_BYTES + 1);
            if (bytes.length > JsonBody.MAX_BYTES) {
                throw new ApiException(413, "body larger than " + JsonBody.MAX_BYTES + " bytes");
            }
            return JsonBody.parse(bytes, allowedFields);
        }
    }

    /** Path segments, each percent-decoded on its own (a JID may arrive as {@code 1555%3A1%40s.whatsapp.net}). */
    private static List<String> segments(URI uri) {
        return Arrays.stream(uri.getRawPath().split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }
}
