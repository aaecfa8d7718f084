package io.wafleet.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.jid.Jid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path directory;

    @Test
    void aSavedStateLoadsBackFieldForField() throws IOException {
        StateFile file = new StateFile(directory.resolve("sim-state.json"));
        PhoneAccount phone = new PhoneAccount("15550001", X25519.generateKeyPair(), "1000000015550001", 2);
        DeviceRecord device = new DeviceRecord(Jid.of("15550001", "s.whatsapp.net", 2), Jid.of("1000000015550001", "lid", 2),
                "15550001", 2, bytes(32, 1), bytes(32, 2), 4242, new SignedPreKey(7, bytes(32, 3), bytes(64, 4)),
                List.of(new PreKey(1, bytes(32, 5)), new PreKey(2, bytes(32, 6))), bytes(100, 7),
                Instant.parse("2026-01-02T03:04:05Z"), Optional.of(Instant.parse("2026-01-03T00:00:00Z")), true,
                Optional.of(Ban.temporary(Instant.parse("2026-02-01T00:00:00Z"))));
        SimulatorState state = new SimulatorState(X25519.generateKeyPair(), List.of(phone), List.of(device));

        file.save(state);
        SimulatorState loaded = file.load().orElseThrow();

        assertThat(loaded.rootKey()).isEqualTo(state.rootKey());
        assertThat(loaded.phones()).singleElement().satisfies(p -> {
            assertThat(p.number()).isEqualTo("15550001");
            assertThat(p.identity()).isEqualTo(phone.identity());
            assertThat(p.linkedDevices()).isEqualTo(2);
        });
        DeviceRecord back = loaded.devices().getFirst();
        assertThat(back).usingRecursiveComparison().isEqualTo(device);
        assertThat(Files.exists(directory.resolve("sim-state.json.tmp"))).as("no temp file left behind").isFalse();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                directory.resolve("sim-state.json")))).as("private keys inside").isEqualTo("rw-------");
    }

    @Test
    void aMissingFileIsAFirstRun() {
        assertThat(new StateFile(directory.resolve("absent.json")).load()).isEmpty();
    }

    @Test
    void aCorruptOrForeignFileIsRefusedClearly() throws IOException {
        Path corrupt = Files.writeString(directory.resolve("corrupt.json"), "{\"version\":1,\"rootKey\":");
        assertThatThrownBy(() -> new StateFile(corrupt).load()).isInstanceOf(StateFileException.class)
                .hasMessageContaining("not a valid simulator state");
        Path future = Files.writeString(directory.resolve("future.json"), "{\"version\":99}");
        assertThatThrownBy(() -> new StateFile(future).load()).isInstanceOf(StateFileException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void aSecondSaveReplacesTheFirstAtomically() {
        StateFile file = new StateFile(directory.resolve("sim-state.json"));
        file.save(new SimulatorState(X25519.generateKeyPair(), List.of(), List.of()));
        var second = new SimulatorState(X25519.generateKeyPair(), List.of(), List.of());
        file.save(second);
        assertThat(file.load().orElseThrow().rootKey()).isEqualTo(second.rootKey());
    }

    private static byte[] bytes(int length, int fill) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) fill);
        return bytes;
    }
}
