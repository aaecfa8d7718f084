package io.wafleet.server.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingEncoderTest {

    @Test
    void masksTheFormattedLineIncludingArgumentsAndExceptions() {
        LoggerContext context = new LoggerContext();
        MaskingEncoder encoder = new MaskingEncoder();
        encoder.setContext(context);
        encoder.setFormat("text");
        encoder.setPattern("%msg %ex");
        encoder.start();

        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.INFO,
                "paired {} as {}", new IllegalStateException("iq to 40712345612@s.whatsapp.net failed"),
                new Object[] {"WA-01", "+40712345612"});
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).contains("paired WA-01 as +40 7** *** *12", "iq to 407******12@s.whatsapp.net failed");
        assertThat(line).doesNotContain("40712345612");
    }
}
