package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebVersionSourceTest {
    private static final WebVersion BUILT_IN = new WebVersion(2, 3000, 1000000001);
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsTheRevisionFromTheServiceWorker() throws IOException {
        URI uri = serve(200, "self.__swData=JSON.parse(\"{\\\"dynamic_data\\\":{\\\"SiteData\\\":{\\\"client_revision\\\":1029871234,\\\"x\\\":1}}}\");");
        WebVersionSource.Resolved resolved = new WebVersionSource(http, uri, Duration.ofSeconds(5), BUILT_IN).resolve();
        assertThat(resolved.fresh()).isTrue();
        assertThat(resolved.version()).isEqualTo(new WebVersion(2, 3000, 1029871234));
    }

    @Test
    void plainJsonFormIsReadToo() throws IOException {
        URI uri = serve(200, "{\"client_revision\": 1040000000}");
        assertThat(new WebVersionSource(http, uri, Duration.ofSeconds(5), BUILT_IN).resolve().version().tertiary())
                .isEqualTo(1040000000);
    }

    @Test
    void fallsBackWhenTheScriptHasNoRevision() throws IOException {
        URI uri = serve(200, "console.log('nothing here')");
        WebVersionSource.Resolved resolved = new WebVersionSource(http, uri, Duration.ofSeconds(5), BUILT_IN).resolve();
        assertThat(resolved.fresh()).isFalse();
        assertThat(resolved.version()).isEqualTo(BUILT_IN);
        assertThat(resolved.detail()).contains("no client_revision");
    }

    @Test
    void fallsBackOnHttpErrors() throws IOException {
        URI uri = serve(503, "unavailable");
        WebVersionSource.Resolved resolved = new WebVersionSource(http, uri, Duration.ofSeconds(5), BUILT_IN).resolve();
        assertThat(resolved.fresh()).isFalse();
        assertThat(resolved.detail()).contains("503");
    }

    @Test
    void fallsBackWhenNothingListens() throws IOException {
        URI uri = serve(200, "x");
        server.stop(0);
        server = null;
        WebVersionSource.Resolved resolved = new WebVersionSource(http, uri, Duration.ofSeconds(5), BUILT_IN).resolve();
        assertThat(resolved.fresh()).isFalse();
        assertThat(resolved.version()).isEqualTo(BUILT_IN);
    }

    private URI serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sw.js", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sw.js");
    }
}
