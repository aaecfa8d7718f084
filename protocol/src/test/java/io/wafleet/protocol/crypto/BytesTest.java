package io.wafleet.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void concatJoinsThePartsInOrderIntoAFreshArray() {
        byte[] first = {1, 2};
        byte[] joined = Bytes.concat(first, new byte[0], new byte[] {3});

        assertThat(joined).containsExactly(1, 2, 3);
        first[0] = 9;
        assertThat(joined).containsExactly(1, 2, 3);
        assertThat(Bytes.concat()).isEmpty();
    }
}
