package io.wafleet.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wafleet.simulator.ControlTestSupport;
import io.wafleet.simulator.WaSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every control endpoint, with good and bad input. */
class ControlServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WaSimulator simulator = WaSimulator.start();
    private final ControlServer control = startControl();

    @AfterEach
    void stop() {
        control.close();
        simulator.close();
    }

    private ControlServer startControl() {
        try {
            return ControlServer.start(simulator, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void phonesScanDevicesFaultsAndStats() throws Exception {
        assertThat(call("POST", "/phones", "{\"phone\":\"+15550010001\"}").body().get("phone").asText()).isEqualTo("+15550010001");

        String jid = ControlTestSupport.pairThroughControl(simulator, qr ->
                call("POST", "/phones/+15550010001/scan", JSON.createObjectNode().put("qr", qr).toString()));
        assertThat(jid).isEqualTo("15550010001:1@s.whatsapp.net");

        JsonNode devices = call("GET", "/devices", "").body();
        assertThat(devices).hasSize(1);
        JsonNode device = devices.get(0);
        assertThat(device.get("jid").asText()).isEqualTo(jid);
        assertThat(device.get("phone").asText()).isEqualTo("+15550010001");
        assertThat(device.get("connected").asBoolean()).isFalse();
        assertThat(device.get("liveConnections").asInt()).isZero();
        assertThat(device.get("maxLiveConnections").asInt()).isZero();
        assertThat(device.get("replacedCount").asInt()).isZero();
        assertThat(device.get("lastLoginAt").isNull()).isTrue();
        assertThat(call("GET", "/devices/" + jid, "").body().get("jid").asText()).isEqualTo(jid);
        assertThat(call("GET", "/devices/15550010001%3A1%40s.whatsapp.net", "").status()).isEqualTo(200);

        assertThat(call("POST", "/devices/" + jid + "/stream-error", "{\"code\":503}").body().get("affectedConnections").asInt()).isZero();
        assertThat(call("POST", "/devices/" + jid + "/drop", "").status()).isEqualTo(200);
        assertThat(call("POST", "/devices/all/drop", "").status()).isEqualTo(200);
        assertThat(call("POST", "/devices/" + jid + "/silence", "{\"seconds\":5}").status()).isEqualTo(200);
        assertThat(call("POST", "/devices/all/stream-error", "{\"code\":515}").status()).isEqualTo(200);

        JsonNode temporary = call("POST", "/devices/" + jid + "/ban", "{\"seconds\":60}").body();
        assertThat(temporary.get("reason").asInt()).isEqualTo(402);
        assertThat(temporary.get("code").asInt()).isEqualTo(101);
        JsonNode permanent = call("POST", "/devices/" + jid + "/ban", "").body();
        assertThat(permanent.get("reason").asInt()).isEqualTo(406);
        assertThat(call("GET", "/devices", "").body().get(0).get("ban").get("permanent").asBoolean()).isTrue();
        assertThat(call("POST", "/devices/" + jid + "/unban", "").status()).isEqualTo(200);
        assertThat(call("GET", "/devices", "").body().get(0).get("ban").isNull()).isTrue();

        JsonNode faults = call("POST", "/faults", "{\"refuseConnections\":true,\"handshakeDelayMs\":250}").body();
        assertThat(faults.get("refuseConnections").asBoolean()).isTrue();
        assertThat(faults.get("handshakeDelayMs").asLong()).isEqualTo(250);
        assertThat(simulator.faults().refusesConnections()).isTrue();
        JsonNode defects = call("POST", "/faults", "{\"certChainDefect\":\"EXPIRED\",\"pairSuccessDefect\":\"BAD_HMAC\"}").body();
        assertThat(defects.get("certChainDefect").asText()).isEqualTo("EXPIRED");
        assertThat(call("POST", "/faults", "{\"certChainDefect\":null,\"refuseConnections\":false}").body().get("certChainDefect").isNull()).isTrue();
        assertThat(call("GET", "/faults", "").body().get("pairSuccessDefect").asText()).isEqualTo("BAD_HMAC");

        JsonNode stats = call("GET", "/stats", "").body();
        assertThat(stats.get("handshakes").asLong()).isEqualTo(1);
        assertThat(stats.get("pairings").asLong()).isEqualTo(1);
        assertThat(stats.get("qrIssued").asLong()).isEqualTo(6);
        assertThat(stats.get("streamErrorsSent").asLong()).isEqualTo(1);
        assertThat(stats.has("maxLiveConnectionsPerDevice")).isTrue();

        assertThat(call("POST", "/devices/" + jid + "/failure", "{\"reason\":403}").status()).isEqualTo(200);
        assertThat(call("POST", "/devices/" + jid + "/end-stream", "").status()).isEqualTo(200);
        assertThat(call("POST", "/devices/" + jid + "/close", "").status()).isEqualTo(200);
        JsonNode withheld = call("POST", "/faults", "{\"withholdIqs\":[\"encrypt\",\"w:p\"]}").body();
        assertThat(withheld.get("withholdIqs")).extracting(JsonNode::asText).containsExactly("encrypt", "w:p");
        assertThat(simulator.faults().withheldIqNamespaces()).containsExactlyInAnyOrder("encrypt", "w:p");

        assertThat(call("POST", "/devices/" + jid + "/logout", "").status()).isEqualTo(200);
        assertThat(call("GET", "/devices", "").body().get(0).get("removed").asBoolean()).isTrue();
    }

    @Test
    void contactsSendReadAndCountMessages() throws Exception {
        JsonNode alice = call("POST", "/contacts", "{\"phone\":\"+15550010003\"}").body();
        assertThat(alice.get("jid").asText()).isEqualTo("15550010003@s.whatsapp.net");
        assertThat(alice.get("lid").asText()).endsWith("@lid");
        call("POST", "/contacts", "{\"phone\":\"+15550010004\"}");
        assertThat(call("GET", "/contacts", "").body()).hasSize(2);
        assertThat(call("GET", "/contacts/+15550010004", "").body().get("phone").asText()).isEqualTo("+15550010004");

        String id = call("POST", "/contacts/+15550010003/messages", "{\"to\":\"+15550010004\",\"text\":\"over http\"}")
                .body().get("id").asText();
        String reply = call("POST", "/contacts/+15550010004/messages",
                "{\"to\":\"15550010003@s.whatsapp.net\",\"text\":\"and back\"}").body().get("id").asText();

        JsonNode received = call("GET", "/contacts/+15550010004/messages", "").body();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).get("id").asText()).isEqualTo(id);
        assertThat(received.get(0).get("text").asText()).isEqualTo("over http");
        assertThat(received.get(0).get("from").asText()).isEqualTo("15550010003@s.whatsapp.net");
        assertThat(received.get(0).get("encryption").asText()).isEqualTo("pkmsg");
        assertThat(Instant.parse(received.get(0).get("acceptedAt").asText()))
                .isBeforeOrEqualTo(Instant.parse(received.get(0).get("receivedAt").asText()));
        JsonNode back = call("GET", "/contacts/+15550010003/messages", "").body().get(0);
        assertThat(back.get("id").asText()).isEqualTo(reply);
        assertThat(back.get("encryption").asText()).isEqualTo("msg");
        assertThat(call("GET", "/contacts/+15550010003/receipts", "").body().get(0).get("id").asText()).isEqualTo(id);
        assertThat(call("GET", "/stats", "").body().get("messagesRouted").asLong()).isEqualTo(2);

        expectError(call("POST", "/contacts/+15550010003/messages", "{\"to\":\"+15550019999\",\"text\":\"x\"}"), 400, "no account");
        expectError(call("POST", "/contacts/+15550010003/messages", "{\"to\":\"+15550010004\"}"), 400, "'text' is required");
        expectError(call("GET", "/contacts/+15550019999/messages", ""), 404, "no such account");
        expectError(call("POST", "/contacts", "{\"phone\":\"12\"}"), 400, "phone number");
    }

    @Test
    void severalContactsAtOnceEveryNumberCheckedFirst() throws Exception {
        JsonNode created = call("POST", "/contacts", "{\"phones\":[\"+15550010011\",\"+15550010012\"]}").body();
        assertThat(created).extracting(node -> node.get("phone").asText()).containsExactly("+15550010011", "+15550010012");
        assertThat(created.get(1).get("jid").asText()).isEqualTo("15550010012@s.whatsapp.net");

        expectError(call("POST", "/contacts", "{\"phones\":[\"+15550010013\",\"12\"]}"), 400, "phone number");
        expectError(call("POST", "/contacts", "{\"phones\":[]}"), 400, "at least one");
        expectError(call("POST", "/contacts", "{\"phone\":\"+15550010014\",\"phones\":[\"+15550010015\"]}"), 400, "either");
        expectError(call("POST", "/contacts", "{}"), 400, "either");
        assertThat(call("GET", "/contacts", "").body()).extracting(node -> node.get("phone").asText())
                .containsExactlyInAnyOrder("+15550010011", "+15550010012");
    }

    @Test
    void badInputGetsAClear4xxJsonError() throws Exception {
        call("POST", "/phones", "{\"phone\":\"+15550010002\"}");
        expectError(call("POST", "/phones", "{\"phone\":\"not a number\"}"), 400, "phone number");
        expectError(call("POST", "/phones", "{\"phone\":15550010002}"), 400, "must be a string");
        expectError(call("POST", "/phones", "{}"), 400, "'phone' is required");
        expectError(call("POST", "/phones", "{\"phone\":\"+1555\",\"extra\":1}"), 400, "unknown field 'extra'");
        expectError(call("POST", "/phones", "[1,2]"), 400, "JSON object");
        expectError(call("POST", "/phones", "{not json"), 400, "not valid JSON");
        expectError(call("GET", "/phones", ""), 405, "POST");
        expectError(call("POST", "/phones/+15559999999/scan", "{\"qr\":\"x,y,z,w\"}"), 404, "no such phone");
        expectError(call("POST", "/phones/+15550010002/scan", "{\"qr\":\"2@nope,AAAA,BBBB,CCCC\"}"), 409, "QR");
        expectError(call("POST", "/phones/+15550010002/scan", "{}"), 400, "'qr' is required");
        expectError(call("GET", "/devices/15550010002:1@s.whatsapp.net", ""), 404, "no such device");
        expectError(call("POST", "/devices/nojid/drop", ""), 400, "not a JID");
        expectError(call("POST", "/devices/15550010002:1@s.whatsapp.net/stream-error", "{\"code\":503}"), 404, "no such device");
        expectError(call("POST", "/devices/all/stream-error", "{\"code\":404}"), 400, "must be one of");
        expectError(call("POST", "/devices/all/stream-error", "{\"code\":401}"), 400, "per device");
        expectError(call("POST", "/devices/all/stream-error", "{\"code\":\"503\"}"), 400, "whole number");
        expectError(call("POST", "/devices/all/silence", "{\"seconds\":-1}"), 400, "whole number");
        expectError(call("POST", "/devices/all/silence", "{}"), 400, "'seconds' is required");
        expectError(call("POST", "/faults", "{\"handshakeDelayMs\":-5}"), 400, "whole number");
        expectError(call("POST", "/faults", "{\"refuseConnections\":\"yes\"}"), 400, "true or false");
        expectError(call("POST", "/faults", "{\"certChainDefect\":\"BROKEN\"}"), 400, "must be null or one of");
        expectError(call("POST", "/faults", "{\"withholdIqs\":\"encrypt\"}"), 400, "array of strings");
        expectError(call("POST", "/devices/all/failure", "{\"reason\":403}"), 400, "not a JID");
        expectError(call("GET", "/nowhere", ""), 404, "no such endpoint");
        expectError(call("DELETE", "/stats", ""), 405, "GET");
    }

    private static void expectError(Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.body().get("error").asText()).contains(messagePart);
    }

    record Response(int status, JsonNode body) {}

    private Response call(String method, String path, String body) {
        try {
            URI uri = URI.create(control.url() + path);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
            return new Response(response.statusCode(), JSON.readTree(response.body()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
