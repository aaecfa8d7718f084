package io.wafleet.server.e2e;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.testing.Http;
import io.wafleet.server.testing.Launcher;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.messaging.ReceivedMessage;
import io.wafleet.simulator.messaging.SimulatedContact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retry receipt answered from the outbox, through the whole server: every connection of an account is a new
 * client whose memory of sent messages starts empty (as after a redeploy), so after a dropped connection only the
 * outbox, handed to the client by the connector, can give the text again.
 */
class RetryAfterReconnectTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "e2e-admin-token-0123456789";

    @TempDir
    Path sessions;

    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aRecipientThatAsksAgainAfterTheAccountReconnectedGetsTheSameText() throws Exception {
        FleetSettings settings = FleetSettings.parse(EnvironmentVariables.of(Map.of(
                "SESSIONS_PATH", sessions.toString(), "ADMIN_TOKEN", TOKEN, "WA_DEMO", "true")));
        context = Launcher.run(settings, SessionsVolume.open(settings.sessions(), Clock.systemUTC()));
        Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")), TOKEN);
        WaSimulator simulator = context.getBean(WaSimulator.class);
        Jid device = Links.linkAll(http, simulator, List.of("WA-01"), "+1777%07d").get("WA-01");
        await("WA-01 connected", () -> account(http).get("status").asString().equals("CONNECTED"), 60);

        SimulatedContact contact = simulator.newContact("+18880000001");
        HttpResponse<String> accepted = http.send(http.authorized("/api/accounts/WA-01/messages")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("to", "+" + contact.number(), "text", "your order shipped")))));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String messageId = JSON.readTree(accepted.body()).get("messageId").asString();
        assertThat(contact.awaitMessage(Duration.ofSeconds(30)).id()).isEqualTo(messageId);

        int reconnects = account(http).get("reconnectCount").asInt();
        await("WA-01's connection dropped", () -> simulator.device(device).drop() > 0);
        await("WA-01 back on a new client", () -> account(http).get("status").asString().equals("CONNECTED")
                && account(http).get("reconnectCount").asInt() > reconnects, 30);
        await("the retry receipt reached WA-01", () -> contact.askForMessageAgain(messageId, 1), 30);

        ReceivedMessage again = contact.awaitMessage(Duration.ofSeconds(30));
        assertThat(again.id()).isEqualTo(messageId);
        assertThat(again.text()).isEqualTo("your order shipped");
    }

    private static JsonNode account(Http http) {
        return JSON.readTree(http.get("/api/accounts/WA-01").body());
    }
}
