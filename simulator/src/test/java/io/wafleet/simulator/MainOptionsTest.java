package io.wafleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainOptionsTest {
    @Test
    void readsEveryOption() {
        Main.Options options = Main.Options.parse(new String[] {"--port", "7000", "--control-port", "7001", "--state-file", "s.json"});
        assertThat(options.port()).isEqualTo(7000);
        assertThat(options.controlPort()).isEqualTo(7001);
        assertThat(options.stateFile()).contains(Path.of("s.json"));
        assertThat(Main.Options.parse(new String[0]).port()).isZero();
    }

    @Test
    void refusesUnknownOrMalformedOptions() {
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--prot", "1"})).hasMessageContaining("unknown option --prot");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--port", "x"})).hasMessageContaining("--port must be a port number");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--port", "70000"})).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--state-file"})).hasMessageContaining("missing value");
    }
}
