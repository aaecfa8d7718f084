package io.wafleet.protocol.jid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class JidVectorsTest {
    private static final JsonNode FILE = Vectors.load("jid.json");

    @Test
    void decodesReencodesNormalisesAndClassifiesEveryInput() {
        SoftAssertions softly = new SoftAssertions();
        int count = 0;
        for (JsonNode c : FILE.get("decode")) {
            String input = c.get("input").asText();
            Optional<Jid> jid = Jid.parse(input);
            JsonNode expected = c.get("decoded");
            if (expected.isNull()) {
                softly.assertThat(jid).as("decode %s", input).isEmpty();
                softly.assertThat(c.get("reencoded").isNull()).as("reencoded of %s", input).isTrue();
            } else {
                softly.assertThat(jid).as("decode %s", input).isPresent();
                jid.ifPresent(j -> {
                    softly.assertThat(j.user()).as("user of %s", input).isEqualTo(expected.get("user").asText());
                    softly.assertThat(j.server()).as("server of %s", input).isEqualTo(expected.get("server").asText());
                    softly.assertThat(domainTypeAsJson(j)).as("domainType of %s", input).isEqualTo(expected.get("domainType").toString());
                    softly.assertThat(deviceAsJson(j)).as("device of %s", input).isEqualTo(expected.get("device").toString());
                    softly.assertThat(j.withoutAgent().toString()).as("reencoded %s", input).isEqualTo(c.get("reencoded").asText());
                });
            }
            String normalized = jid.map(j -> j.toNormalizedUser().toString()).orElse("");
            softly.assertThat(normalized).as("normalizedUser of %s", input).isEqualTo(c.get("normalizedUser").asText());
            softly.assertThat(predicates(jid)).as("predicates of %s", input).isEqualTo(expectedPredicates(c.get("predicates")));
            count++;
        }
        softly.assertAll();
        assertThat(count).isPositive();
        Vectors.report("jid.json", "decode", count);
    }

    @Test
    void encodesEveryPartCombination() {
        SoftAssertions softly = new SoftAssertions();
        int count = 0;
        for (JsonNode c : FILE.get("encode")) {
            Jid jid = new Jid(
                    c.get("user").isNull() ? "" : c.get("user").asText(),
                    c.get("server").asText(),
                    c.get("agent").isNull() ? JidNumber.ABSENT : JidNumber.of(c.get("agent").asInt()),
                    c.get("device").isNull() ? JidNumber.ABSENT : JidNumber.of(c.get("device").asInt()));
            softly.assertThat(jid.toString()).as("encode %s", c).isEqualTo(c.get("result").asText());
            count++;
        }
        softly.assertAll();
        assertThat(count).isPositive();
        Vectors.report("jid.json", "encode", count);
    }

    @Test
    void comparesUsers() {
        SoftAssertions softly = new SoftAssertions();
        int count = 0;
        for (JsonNode c : FILE.get("sameUser")) {
            String a = c.get("a").asText();
            String b = c.get("b").asText();
            softly.assertThat(Jid.areSameUser(a, b)).as("areSameUser(%s, %s)", a, b).isEqualTo(c.get("areJidsSameUser").asBoolean());
            count++;
        }
        softly.assertAll();
        assertThat(count).isPositive();
        Vectors.report("jid.json", "sameUser", count);
    }

    /** The vectors write JavaScript numbers as JSON numbers and NaN as the string "NaN". */
    private static String domainTypeAsJson(Jid jid) {
        return jid.domainType().isPresent() ? Integer.toString(jid.domainType().getAsInt()) : "\"NaN\"";
    }

    private static String deviceAsJson(Jid jid) {
        return switch (jid.device()) {
            case JidNumber.Absent absent -> "null";
            case JidNumber.Value(int value) -> Integer.toString(value);
            case JidNumber.NotANumber nan -> "\"NaN\"";
        };
    }

    private static Map<String, Boolean> predicates(Optional<Jid> parsed) {
        Map<String, Boolean> result = new LinkedHashMap<>();
        result.put("isPnUser", parsed.map(Jid::isPnUser).orElse(false));
        result.put("isLidUser", parsed.map(Jid::isLidUser).orElse(false));
        result.put("isJidGroup", parsed.map(Jid::isGroup).orElse(false));
        result.put("isJidBroadcast", parsed.map(Jid::isBroadcast).orElse(false));
        result.put("isJidStatusBroadcast", parsed.map(Jid::isStatusBroadcast).orElse(false));
        result.put("isJidNewsletter", parsed.map(Jid::isNewsletter).orElse(false));
        result.put("isHostedPnUser", parsed.map(Jid::isHostedPnUser).orElse(false));
        result.put("isHostedLidUser", parsed.map(Jid::isHostedLidUser).orElse(false));
        result.put("isJidBot", parsed.map(Jid::isBot).orElse(false));
        result.put("isJidMetaAI", parsed.map(Jid::isMetaAi).orElse(false));
        return result;
    }

    private static Map<String, Boolean> expectedPredicates(JsonNode json) {
        Map<String, Boolean> result = new LinkedHashMap<>();
        json.properties().forEach(e -> result.put(e.getKey(), e.getValue().asBoolean()));
        return result;
    }
}
