package io.wafleet.protocol.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.OneTimePreKey;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.KeyCategory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-key upkeep: count, top-up, commit before upload, ids never reused. */
class PreKeyStockTest {
    @TempDir
    Path directory;

    private AuthStore store;
    private PreKeyStock stock;
    private final MessagingFixtures.RecordingLink link = new MessagingFixtures.RecordingLink();

    @BeforeEach
    void open() {
        store = MessagingFixtures.pairedStore(directory);
        stock = new PreKeyStock(store, KeyPairSource.random());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anEmptyServerGetsTheTargetAndTheKeysWereStoredBeforeTheUpload() {
        link.answers = iq -> {
            if (iq.child("count").isPresent()) {
                return Node.builder("iq").attr("type", "result").child(Node.of("count", "value", "0")).build();
            }
            // At upload time every key in the request is already durable.
            List<Node> keys = iq.child("list").orElseThrow().childrenByTag("key");
            assertThat(store.ids(KeyCategory.PRE_KEY)).hasSize(keys.size());
            return Node.of("iq", "type", "result");
        };
        stock.replenish(link, Executors.newVirtualThreadPerTaskExecutor()).join();

        Node upload = link.queries.get(1);
        assertThat(upload.attr("xmlns")).contains("encrypt");
        assertThat(upload.attr("type")).contains("set");
        assertThat(upload.child("list").orElseThrow().childrenByTag("key")).hasSize(PreKeyStock.TARGET);
        assertThat(upload.child("registration").flatMap(Node::contentBytes).orElseThrow()).hasSize(4);
        assertThat(upload.child("type").flatMap(Node::contentBytes).orElseThrow()).containsExactly(5);
        assertThat(upload.child("skey").flatMap(s -> s.child("signature")).flatMap(Node::contentBytes).orElseThrow()).hasSize(64);
        Credentials after = store.state().credentials().orElseThrow();
        assertThat(after.nextPreKeyId()).isEqualTo(1 + PreKeyStock.TARGET);
        assertThat(after.firstUnuploadedPreKeyId()).isEqualTo(after.nextPreKeyId());
    }

    @Test
    void aWellStockedServerGetsNothing() {
        link.answers = iq -> Node.builder("iq").attr("type", "result").child(Node.of("count", "value", "10")).build();
        stock.replenish(link, Executors.newVirtualThreadPerTaskExecutor()).join();
        assertThat(link.queries).hasSize(1);
        assertThat(store.ids(KeyCategory.PRE_KEY)).isEmpty();
    }

    @Test
    void keysNeverConfirmedAreUploadedAgainAndNewIdsContinueAfterThem() {
        List<OneTimePreKey> first = stock.prepare(5).keys();
        // The upload of those five never got an answer (crash, lost connection): next time they go first.
        List<OneTimePreKey> second = stock.prepare(8).keys();

        assertThat(second.subList(0, 5)).isEqualTo(first);
        assertThat(second).extracting(OneTimePreKey::id).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(store.state().credentials().orElseThrow().nextPreKeyId()).isEqualTo(9);
        assertThat(store.state().credentials().orElseThrow().firstUnuploadedPreKeyId()).isEqualTo(1);
    }

    @Test
    void aRefusedUploadLeavesTheKeysUnconfirmed() {
        link.answers = iq -> iq.child("count").isPresent()
                ? Node.builder("iq").attr("type", "result").child(Node.of("count", "value", "3")).build()
                : Node.builder("iq").attr("type", "error").child(Node.of("error", "code", "400", "text", "bad-request")).build();
        assertThat(stock.replenish(link, Executors.newVirtualThreadPerTaskExecutor())).failsWithin(java.time.Duration.ofSeconds(5));
        Credentials after = store.state().credentials().orElseThrow();
        assertThat(after.nextPreKeyId()).isEqualTo(1 + PreKeyStock.TARGET - 3);
        assertThat(after.firstUnuploadedPreKeyId()).isEqualTo(1);
    }
}
