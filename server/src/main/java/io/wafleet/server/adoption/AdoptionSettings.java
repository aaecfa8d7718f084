package io.wafleet.server.adoption;

import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.SettingsException;
import io.wafleet.server.registry.AccountId;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * How to adopt the old Baileys service's accounts: where its auth folders are ({@code BAILEYS_AUTH_PATH}, else
 * the sessions path itself, where the old service kept them on the same volume) and the operator's slot map
 * ({@code WA_IMPORT_MAP}). Parsed before Spring starts, so a bad value ends the process naming the variable.
 */
public record AdoptionSettings(Optional<Path> baileysAuthPath, ImportMap importMap) {

    static final String AUTH_PATH_VARIABLE = "BAILEYS_AUTH_PATH";

    public AdoptionSettings {
        Objects.requireNonNull(baileysAuthPath, "baileysAuthPath");
        Objects.requireNonNull(importMap, "importMap");
    }

    /** Adopt from the sessions path, lowest free slot by phone number. */
    public static AdoptionSettings defaults() {
        return new AdoptionSettings(Optional.empty(), ImportMap.empty());
    }

    public static AdoptionSettings parse(EnvironmentVariables env, Collection<AccountId> slots) {
        Optional<Path> authPath = env.get(AUTH_PATH_VARIABLE).map(AdoptionSettings::directory);
        ImportMap map = env.get(ImportMap.VARIABLE).map(raw -> ImportMap.parse(raw, slots)).orElse(ImportMap.empty());
        return new AdoptionSettings(authPath, map);
    }

    /** The folder holding the Baileys account folders, given the sessions path. */
    public Path baileysRoot(Path sessionsRoot) {
        return baileysAuthPath.orElse(sessionsRoot);
    }

    private static Path directory(String value) {
        Path path;
        try {
            path = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new SettingsException(AUTH_PATH_VARIABLE, "not a valid path: " + e.getReason() + ".");
        }
        if (!Files.isDirectory(path)) {
            throw new SettingsException(AUTH_PATH_VARIABLE, path + " is not a directory: point it at the folder that holds "
                    + "the old service's account folders (each with a creds.json), or unset it to adopt from the sessions path.");
        }
        return path;
    }
}
