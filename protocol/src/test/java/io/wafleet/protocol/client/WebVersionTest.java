package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebVersionTest {

    @Test
    void parsesTheDottedForm() {
        assertThat(WebVersion.parse("2.3000.1043857760")).isEqualTo(new WebVersion(2, 3000, 1043857760));
        assertThat(WebVersion.parse("0.0.0")).isEqualTo(new WebVersion(0, 0, 0));
        assertThat(WebVersion.parse("2.3000.2147483647").tertiary()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void printsBackExactlyWhatItParsed() {
        assertThat(WebVersion.parse("2.3000.1043857760")).hasToString("2.3000.1043857760");
    }

    @Test
    void buildHashIsTheMd5OfTheDottedString() {
        WebVersion version = new WebVersion(2, 2413, 51);

        assertThat(version.buildHash()).isEqualTo(Hashes.md5("2.2413.51".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2", "2.3000", "2.3000.1.4", "2..1", "2.3000.", ".3000.1", "a.b.c", "2.3000.x",
        "2.3000.-1", "2.3000.+1", "02.3000.1", "2.03000.1", " 2.3000.1", "2.3000.1 ", "2,3000,1",
        "2.3000.2147483648", "2.3000.99999999999", "2.\u0663.1",
    })
    void rejectsMalformedVersions(String text) {
        assertThatThrownBy(() -> WebVersion.parse(text))
                .isInstanceOf(ClientFormatException.class)
                .hasMessageContaining("version");
    }

    @Test
    void rejectsNegativeParts() {
        assertThatThrownBy(() -> new WebVersion(2, -1, 5)).isInstanceOf(ClientFormatException.class);
    }
}
