package io.wafleet.server.e2e;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.server.testing.Http;
import io.wafleet.simulator.WaSimulator;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.wafleet.server.testing.Http.await;

/** Links slots through the API: asks for a link, waits for the QR, and lets a new simulated phone scan it. */
final class Links {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Links() {
    }

    /** Links every slot in {@code ids} to a new phone numbered by {@code numberFormat} (1-based); returns the device JIDs. */
    static Map<String, Jid> linkAll(Http http, WaSimulator simulator, List<String> ids, String numberFormat) {
        ids.forEach(id -> {
            int status = http.post("/api/accounts/" + id + "/link").statusCode();
            if (status != 202) {
                throw new AssertionError("link " + id + " answered " + status);
            }
        });
        Map<String, Jid> devices = new LinkedHashMap<>();
        for (String id : ids) {
            String path = "/api/accounts/" + id + "/qr";
            await("a QR for " + id, () -> http.send(http.authorized(path).header("Accept", "application/json")).statusCode() == 200, 30);
            String qr = JSON.readTree(http.send(http.authorized(path).header("Accept", "application/json")).body()).get("qr").asString();
            devices.put(id, simulator.newPhone(numberFormat.formatted(ids.indexOf(id) + 1)).scan(qr));
        }
        return devices;
    }
}
