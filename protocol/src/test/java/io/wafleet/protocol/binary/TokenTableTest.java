package io.wafleet.protocol.binary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Checks every entry of both token tables against the token cases of binary-node.json. Each such case is a
 * flat node whose strings (tag, attribute keys and values, content) are all tokens, so its encoding is a list
 * header followed by one token reference per string, in order.
 */
class TokenTableTest {
    private static final String FILE_NAME = "binary-node.json";

    @Test
    void everySingleAndDoubleByteTokenMatchesTheVectors() {
        SoftAssertions softly = new SoftAssertions();
        Set<Integer> seenSingle = new HashSet<>();
        Set<Integer> seenDouble = new HashSet<>();
        int cases = 0;
        for (JsonNode c : Vectors.load(FILE_NAME).get("cases")) {
            String category = c.get("category").asText();
            if (!category.equals("single-byte-token") && !category.equals("double-byte-token")) {
                continue;
            }
            List<String> strings = stringsInOrder(c.get("node"));
            byte[] encoded = Vectors.hex(c.get("encodedHex").asText());
            int at = 1 + (encoded[1] == (byte) WireTag.LIST_16 ? 3 : 2);
            for (String expected : strings) {
                int first = encoded[at++] & 0xFF;
                if (first >= WireTag.DICTIONARY_0 && first <= WireTag.DICTIONARY_3) {
                    int dictionary = first - WireTag.DICTIONARY_0;
                    int index = encoded[at++] & 0xFF;
                    softly.assertThat(TokenDictionary.doubleByte(dictionary, index)).as("double-byte %d/%d", dictionary, index).isEqualTo(expected);
                    seenDouble.add(dictionary << 8 | index);
                } else {
                    softly.assertThat(TokenDictionary.singleByte(first)).as("single-byte %d", first).isEqualTo(expected);
                    seenSingle.add(first);
                }
            }
            softly.assertThat(at).as("case %s is fully consumed", c.get("name").asText()).isEqualTo(encoded.length);
            cases++;
        }
        softly.assertAll();
        assertThat(seenSingle).as("single-byte indices covered").hasSize(TokenDictionary.SINGLE_BYTE_COUNT);
        assertThat(seenDouble).as("double-byte entries covered")
                .hasSize(TokenDictionary.DOUBLE_BYTE_DICTIONARIES * TokenDictionary.DOUBLE_BYTE_SIZE);
        Vectors.report(FILE_NAME, "token cases (235 single-byte + 1024 double-byte entries)", cases);
    }

    @Test
    void everyTokenEncodesToItsOwnPosition() {
        for (int i = 1; i <= TokenDictionary.SINGLE_BYTE_COUNT; i++) {
            int code = TokenDictionary.code(TokenDictionary.singleByte(i));
            assertThat(code).as("code of single-byte %d", i).isEqualTo(i);
        }
        for (int d = 0; d < TokenDictionary.DOUBLE_BYTE_DICTIONARIES; d++) {
            for (int i = 0; i < TokenDictionary.DOUBLE_BYTE_SIZE; i++) {
                int code = TokenDictionary.code(TokenDictionary.doubleByte(d, i));
                assertThat(TokenDictionary.isDoubleByte(code)).isTrue();
                assertThat(TokenDictionary.dictionaryOf(code)).isEqualTo(d);
                assertThat(TokenDictionary.indexOf(code)).isEqualTo(i);
            }
        }
        assertThat(TokenDictionary.code("not-a-token-string")).isEqualTo(-1);
    }

    private static List<String> stringsInOrder(JsonNode node) {
        List<String> strings = new ArrayList<>();
        strings.add(node.get("tag").asText());
        node.get("attrs").properties().forEach(e -> {
            strings.add(e.getKey());
            strings.add(e.getValue().asText());
        });
        if (node.has("content")) {
            assertThat(node.get("content").isTextual()).as("token case content is a string").isTrue();
            strings.add(node.get("content").asText());
        }
        return strings;
    }
}
