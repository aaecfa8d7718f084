package io.wafleet.server.ops;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.DisconnectReason.Category;
import io.wafleet.server.WaFleetApplication;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.testing.FakeConnector;
import io.wafleet.server.testing.Http;
import io.wafleet.server.testing.TestFleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a linking scenario through the real logging configuration in JSON mode and fails on any unmasked phone
 * number in what was printed. Numbers reach the log in every way code could put them there: as arguments, in
 * messages and in exceptions.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {WaFleetApplication.class, TestFleet.class}, properties = "wafleet.log-format=json")
class LogMaskingIntegrationTest {

    /**
     * A phone number in any shape a log line could carry: +E.164 (with or without spaces), a bare run of 11 to
     * 15 digits, or a JID user part. A digit run glued to letters or dots (a temp directory's random suffix, a
     * version like 2.3000.1043857760) is not a number.
     */
    static final Pattern UNMASKED = Pattern.compile(
            "(?<![\\w.+])\\+\\d(?:[ -]?\\d){7,14}(?!\\w)|(?<![\\w.+*])\\d{11,15}(?![\\w*])|(?<!\\w)\\d{5,}(:\\d+)?@");

    @LocalServerPort
    int port;
    @Autowired
    FakeConnector connector;

    @Test
    void noUnmaskedNumberReachesTheOutput(CapturedOutput output) {
        Http http = new Http(port);
        AccountId id = AccountId.of("WA-08");
        http.post("/api/accounts/WA-08/link");
        await("an attempt", () -> connector.opens(id) == 1);
        connector.offerQr(id, "2@ref,noise,identity,adv", Instant.now().plusSeconds(60));
        connector.emit(id, new ClientEvent.Paired("40712345612:9@s.whatsapp.net", Optional.empty(), Optional.empty(), "android"));
        connector.close(id, Category.RESTART_REQUIRED, 515, "restart-required");
        await("the login attempt", () -> connector.opens(id) == 2);
        connector.connect(id);
        LoggerFactory.getLogger("test").warn("customer {} wrote from {}", "+40 712 345 612", "40712345612@s.whatsapp.net",
                new IllegalStateException("decrypt failed for 40712345612:3@s.whatsapp.net"));

        await("the log lines", () -> output.getOut().contains("customer"));
        String out = output.getOut();
        assertThat(out).contains("\"log\":{\"level\"", "WA-08", "CONNECTED", "+40 7** *** *12");
        assertThat(UNMASKED.matcher(out).results().map(r -> r.group()).toList()).isEmpty();
        assertThat(out).doesNotContain("2@ref,noise", TestFleet.TOKEN);
    }
}
