package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final PendingRequests<String> pending = new PendingRequests<>(timers, 3);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void replyCompletesTheMatchingRequestOnly() throws Exception {
        CompletableFuture<String> a = pending.register("a", Duration.ofSeconds(30));
        CompletableFuture<String> b = pending.register("b", Duration.ofSeconds(30));
        assertThat(pending.complete("b", "reply-b")).isTrue();
        assertThat(b.get(1, TimeUnit.SECONDS)).isEqualTo("reply-b");
        assertThat(a).isNotDone();
        assertThat(pending.complete("b", "again")).isFalse();
        assertThat(pending.complete("unknown", "x")).isFalse();
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void unansweredRequestTimesOutAndIsForgotten() {
        CompletableFuture<String> a = pending.register("a", Duration.ofMillis(20));
        // A generous wait: the deadline is 20 ms, but a loaded CI machine may run the timer late.
        assertThat(a).failsWithin(Duration.ofSeconds(60))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
        assertThat(pending.size()).isZero();
    }

    @Test
    void capacityIsEnforced() {
        pending.register("1", Duration.ofSeconds(30));
        pending.register("2", Duration.ofSeconds(30));
        pending.register("3", Duration.ofSeconds(30));
        CompletableFuture<String> overflow = pending.register("4", Duration.ofSeconds(30));
        assertThat(overflow).isCompletedExceptionally();
        assertThat(pending.size()).isEqualTo(3);
    }

    @Test
    void duplicateIdIsRejectedWithoutDisturbingTheFirst() {
        CompletableFuture<String> first = pending.register("x", Duration.ofSeconds(30));
        CompletableFuture<String> second = pending.register("x", Duration.ofSeconds(30));
        assertThat(second).isCompletedExceptionally();
        assertThat(pending.complete("x", "ok")).isTrue();
        assertThat(first).isCompletedWithValue("ok");
    }

    @Test
    void closeFailsEverythingPendingAndLaterRegistrations() {
        CompletableFuture<String> a = pending.register("a", Duration.ofSeconds(30));
        IOException cause = new IOException("connection closed");
        pending.close(cause);
        assertThat(a).isCompletedExceptionally();
        assertThatThrownBy(a::join).hasCause(cause);
        assertThat(pending.register("b", Duration.ofSeconds(30))).isCompletedExceptionally();
        assertThat(pending.size()).isZero();
    }
}
