package io.wafleet.server.supervisor;

import io.wafleet.server.registry.AccountId;
import io.wafleet.server.testing.ManualTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionGateTest {

    private final ManualTime time = new ManualTime();
    private final List<String> granted = new ArrayList<>();

    private ConnectionGate.Ticket join(ConnectionGate gate, int slot) {
        AccountId id = AccountId.slot(slot);
        return gate.ticket(id).whenGranted(() -> granted.add(id.value()));
    }

    @Test
    void limitsHandshakesInFlight() {
        ConnectionGate gate = new ConnectionGate(2, 100, time, time);
        List<ConnectionGate.Ticket> tickets = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            tickets.add(join(gate, i));
        }
        assertThat(granted).containsExactly("WA-01", "WA-02");
        assertThat(gate.waiting()).isEqualTo(2);

        tickets.get(0).release();
        assertThat(granted).containsExactly("WA-01", "WA-02", "WA-03");
        tickets.get(0).release(); // idempotent: frees nothing more
        assertThat(gate.inFlight()).isEqualTo(2);
    }

    @Test
    void limitsHandshakesPerSecondWithoutBlocking() {
        ConnectionGate gate = new ConnectionGate(30, 2, time, time);
        for (int i = 1; i <= 5; i++) {
            join(gate, i);
        }
        assertThat(granted).hasSize(2);
        time.advance(Duration.ofMillis(999));
        assertThat(granted).hasSize(2);
        time.advance(Duration.ofMillis(1));
        assertThat(granted).hasSize(4);
        time.advance(Duration.ofSeconds(1));
        assertThat(granted).containsExactly("WA-01", "WA-02", "WA-03", "WA-04", "WA-05");
    }

    @Test
    void pausedGateGrantsNothingUntilResumed() {
        ConnectionGate gate = new ConnectionGate(3, 10, time, time);
        gate.pause("client-outdated");
        join(gate, 1);
        join(gate, 2);
        assertThat(granted).isEmpty();
        assertThat(gate.pausedFor()).contains("client-outdated");

        gate.resume();
        assertThat(granted).containsExactly("WA-01", "WA-02");
    }

    @Test
    void probeModeLetsOneHandshakeThroughAtATime() {
        ConnectionGate gate = new ConnectionGate(5, 10, time, time);
        gate.enterProbeMode();
        ConnectionGate.Ticket probe = join(gate, 1);
        join(gate, 2);
        join(gate, 3);
        assertThat(granted).containsExactly("WA-01");

        probe.release(); // the probe failed: the next one probes
        assertThat(granted).containsExactly("WA-01", "WA-02");

        gate.leaveProbeMode();
        assertThat(granted).containsExactly("WA-01", "WA-02", "WA-03");
    }

    @Test
    void aWaitingTicketCanLeaveTheLine() {
        ConnectionGate gate = new ConnectionGate(1, 10, time, time);
        ConnectionGate.Ticket first = join(gate, 1);
        ConnectionGate.Ticket second = join(gate, 2);
        join(gate, 3);
        second.release();
        first.release();
        assertThat(granted).containsExactly("WA-01", "WA-03");
    }
}
