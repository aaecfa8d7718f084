package io.wafleet.server.testing;

import io.wafleet.simulator.WaSimulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The few API moves the Firestore tests repeat: link a slot with a simulated phone, read states and reasons. */
public final class FleetApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Http http;

    public FleetApi(Http http) {
        this.http = http;
    }

    /** Starts pairing, fetches the QR string from the API and lets a new simulated phone scan it. */
    public void link(WaSimulator simulator, String id, String phone) {
        assertThat(http.post("/api/accounts/" + id + "/link").statusCode()).isEqualTo(202);
        String path = "/api/accounts/" + id + "/qr";
        await("a QR for " + id, () -> http.send(http.authorized(path).header("Accept", "application/json")).statusCode() == 200, 30);
        String qr = json(http.send(http.authorized(path).header("Accept", "application/json")).body()).get("qr").asString();
        simulator.newPhone(phone).scan(qr);
    }

    public int connected() {
        return json(http.get("/api/status/dashboard").body()).get("summary").get("connected").asInt();
    }

    public JsonNode account(String id) {
        return json(http.get("/api/accounts/" + id).body());
    }

    public String state(String id) {
        return account(id).get("status").asString();
    }

    public String reason(String id) {
        return account(id).get("reason").asString();
    }

    public JsonNode firestore() {
        return json(http.get("/api/status/firestore").body());
    }

    public Http http() {
        return http;
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
