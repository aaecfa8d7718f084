package io.wafleet.protocol.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateChangeTest {
    @Test
    void theBuilderKeepsTheLastMutationPerKey() {
        StateChange change = StateChange.builder()
                .put(KeyCategory.PRE_KEY, "1", new byte[] {1})
                .delete(KeyCategory.PRE_KEY, "1")
                .put(KeyCategory.SESSION, "1", new byte[] {2})
                .build();

        assertThat(change.mutations()).containsExactly(
                new KeyMutation.Delete(new StoreKey(KeyCategory.PRE_KEY, "1")),
                new KeyMutation.Put(new StoreKey(KeyCategory.SESSION, "1"), new byte[] {2}));
        assertThat(change.isEmpty()).isFalse();
        assertThat(StateChange.builder().build().isEmpty()).isTrue();
    }

    @Test
    void aKeyMentionedTwiceIsRefused() {
        StoreKey key = new StoreKey(KeyCategory.PRE_KEY, "1");
        assertThatThrownBy(() -> new StateChange(Optional.empty(),
                List.of(new KeyMutation.Delete(key), new KeyMutation.Put(key, new byte[0]))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyIdsAreBounded() {
        assertThatThrownBy(() -> new StoreKey(KeyCategory.SESSION, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoreKey(KeyCategory.SESSION, "x".repeat(StoreKey.MAX_ID_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysSortByCategoryCodeThenId() {
        assertThat(List.of(new StoreKey(KeyCategory.SESSION, "a"), new StoreKey(KeyCategory.PRE_KEY, "b"),
                        new StoreKey(KeyCategory.PRE_KEY, "a")).stream().sorted().map(StoreKey::toString))
                .containsExactly("pre-key/a", "pre-key/b", "session/a");
    }

    @Test
    void categoryCodesAreDistinctAndStable() {
        assertThat(KeyCategory.values()).extracting(KeyCategory::code).doesNotHaveDuplicates();
        assertThat(KeyCategory.fromCode(2)).isEqualTo(KeyCategory.SESSION);
        assertThatThrownBy(() -> KeyCategory.fromCode(99)).isInstanceOf(CorruptStoreException.class);
    }
}
