package io.wafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class HttpClientBuffersTest {

    @Test
    void setsEveryBufferTheCommandLineDidNotSet() {
        Properties properties = new Properties();

        HttpClientBuffers.applyDefaults(properties);

        assertThat(properties).containsEntry("jdk.httpclient.websocket.writeBufferSize", "2048")
                .containsEntry("jdk.httpclient.websocket.intermediateBufferSize", "2048")
                .containsEntry("jdk.httpclient.bufsize", "4096")
                .hasSize(3);
    }

    @Test
    void keepsWhatTheOperatorSet() {
        Properties properties = new Properties();
        properties.setProperty("jdk.httpclient.bufsize", "65536");

        HttpClientBuffers.applyDefaults(properties);

        assertThat(properties).containsEntry("jdk.httpclient.bufsize", "65536")
                .containsEntry("jdk.httpclient.websocket.writeBufferSize", "2048");
    }
}
