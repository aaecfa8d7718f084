package io.wafleet.server.api;

import java.util.Optional;

/** The version of the running build, from the jar's manifest; {@code dev} when run from classes. */
final class Version {

    private Version() {
    }

    static String current() {
        return Optional.ofNullable(Version.class.getPackage().getImplementationVersion()).orElse("dev");
    }
}
