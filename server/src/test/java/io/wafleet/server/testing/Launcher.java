package io.wafleet.server.testing;

import io.wafleet.server.WaFleetApplication;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.storage.SessionsVolume;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs the application in-process exactly as {@code main} does, on a free port. */
public final class Launcher {

    private Launcher() {
    }

    public static ConfigurableApplicationContext run(FleetSettings settings, SessionsVolume volume) {
        return WaFleetApplication.application(settings, volume).run("--server.port=0");
    }
}
