package io.wafleet.server.api;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.DisconnectReason.Category;
import io.wafleet.server.WaFleetApplication;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.testing.FakeConnector;
import io.wafleet.server.testing.HeadlessChromium;
import io.wafleet.server.testing.Http;
import io.wafleet.server.testing.TestFleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it): the token
 * prompt, thirty cards, and a QR that appears for a linking slot and disappears once the phone has scanned it,
 * all live through the fetch-read event stream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {WaFleetApplication.class, TestFleet.class})
class DashboardBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    FakeConnector connector;
    @TempDir
    Path profile;

    @Test
    void showsThirtyCardsAndAQrOnlyWhileOneIsNeeded() throws Exception {
        Path binary = HeadlessChromium.binary().orElseThrow(() -> new AssertionError(
                "headless browser test needs Debian's chromium: apt-get install -y chromium"));
        try (HeadlessChromium browser = HeadlessChromium.start(binary, profile)) {
            String base = "http://127.0.0.1:" + port + "/";
            browser.navigate(base);
            browser.awaitTrue("the token prompt", "!document.getElementById('login').hidden");
            assertThat(browser.evaluate("document.querySelectorAll('.card').length").asInt()).isZero();

            browser.evaluate("document.getElementById('token').value = '" + TestFleet.TOKEN + "';"
                    + "document.querySelector('#login button').click(); true");
            browser.awaitTrue("thirty cards", "document.querySelectorAll('.card').length === 30");
            assertThat(browser.evaluate("sessionStorage.getItem('wa-fleet-admin-token') !== null").asBoolean()).isTrue();
            assertThat(browser.evaluate("location.href").asString()).doesNotContain(TestFleet.TOKEN);

            AccountId id = AccountId.of("WA-09");
            Http http = new Http(port);
            http.post("/api/accounts/WA-09/link");
            await("an attempt", () -> connector.opens(id) == 1);
            connector.offerQr(id, "2@browser-ref,key,identity,adv", Instant.now().plusSeconds(60));
            browser.awaitTrue("a QR on the WA-09 card",
                    "document.querySelector('#card-WA-09 img.qr')?.src.startsWith('data:image/png') === true");
            assertThat(browser.evaluate("document.querySelectorAll('img.qr').length").asInt()).isEqualTo(1);

            connector.emit(id, new ClientEvent.Paired("40712345609:2@s.whatsapp.net", Optional.empty(), Optional.empty(), "android"));
            connector.close(id, Category.RESTART_REQUIRED, 515, "restart-required");
            await("the login attempt", () -> connector.opens(id) == 2);
            connector.connect(id);
            browser.awaitTrue("WA-09 connected without a QR",
                    "document.querySelector('#card-WA-09').dataset.state === 'CONNECTED'"
                            + " && document.querySelector('#card-WA-09 img.qr') === null");
        }
    }
}
