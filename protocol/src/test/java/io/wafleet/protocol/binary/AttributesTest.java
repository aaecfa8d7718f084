package io.wafleet.protocol.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact attribute map behaves exactly like a LinkedHashMap filled in wire order, below and above its index threshold. */
class AttributesTest {
    private static final int RANDOM_CASES = 300;

    @Test
    void repeatedKeysKeepTheirFirstPositionAndTheirLastValueLikeALinkedHashMap() {
        for (int seed = 0; seed < RANDOM_CASES; seed++) {
            Random random = new Random(seed);
            int count = random.nextInt(3 * Attributes.SCAN_LIMIT);
            int distinctKeys = 1 + random.nextInt(2 * Attributes.SCAN_LIMIT);
            String[] pairs = new String[2 * count];
            Map<String, String> expected = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                pairs[2 * i] = "k" + random.nextInt(distinctKeys);
                pairs[2 * i + 1] = "v" + i;
                expected.put(pairs[2 * i], pairs[2 * i + 1]);
            }

            Attributes attributes = Attributes.fromPairs(pairs);

            assertThat(attributes).as("seed %d", seed).isEqualTo(expected).hasSameHashCodeAs(expected);
            assertThat(expected).isEqualTo(attributes);
            assertThat(attributes.toString()).isEqualTo(expected.toString());
            assertThat(List.copyOf(attributes.keySet())).isEqualTo(List.copyOf(expected.keySet()));
            List<String> visited = new ArrayList<>();
            attributes.forEach((key, value) -> visited.add(key + "=" + value));
            assertThat(visited).isEqualTo(expected.entrySet().stream().map(Object::toString).toList());
            for (int k = 0; k <= distinctKeys; k++) {
                assertThat(attributes.get("k" + k)).isEqualTo(expected.get("k" + k));
                assertThat(attributes.containsKey("k" + k)).isEqualTo(expected.containsKey("k" + k));
            }
            assertThat(Attributes.copyOf(expected)).isEqualTo(expected);
        }
    }

    @Test
    void aCraftedNodeWithThousandsOfAttributesDecodesToTheSameMap() {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) {
            attrs.put("key" + i, "value" + i);
        }
        Node node = new Node("crafted", attrs, NodeContent.NONE);

        Node decoded = BinaryNodes.decode(BinaryNodes.encode(node));

        assertThat(decoded.attrs()).isEqualTo(attrs).hasSize(5000);
        assertThat(decoded.attr("key4999")).contains("value4999");
        assertThat(decoded.attr("key5000")).isEmpty();
    }

    @Test
    void everyMutatorThrows() {
        Attributes attributes = Attributes.fromPairs(new String[] {"id", "1", "type", "get"});

        assertThatThrownBy(() -> attributes.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> attributes.remove("id")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(attributes::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> attributes.entrySet().iterator().next().setValue("2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> attributes.values().removeIf(value -> true)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(attributes).containsExactly(Map.entry("id", "1"), Map.entry("type", "get"));
    }
}
