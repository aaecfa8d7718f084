package io.wafleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.jid.Jid;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Lets tests outside this package pair a device through some other door (the control API) with a mini client. */
public final class ControlTestSupport {
    private ControlTestSupport() {}

    /** Registers a companion, hands its first QR to {@code scan} (which must return the scan's JSON answer). */
    public static String pairThroughControl(WaSimulator simulator, Function<String, ?> scan) throws Exception {
        TestCompanion companion = new TestCompanion();
        try (MiniClient client = companion.register(simulator)) {
            String qr = companion.readQrCodes(client).getFirst();
            CompletableFuture<?> answer = CompletableFuture.supplyAsync(() -> scan.apply(qr));
            Jid device = companion.countersign(client, client.next("iq"));
            Object response = answer.get(10, TimeUnit.SECONDS);
            assertThat(response.toString()).contains(device.toString());
            assertThat(client.next().attr("code")).contains("515");
            return device.toString();
        }
    }
}
