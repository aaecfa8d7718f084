package io.wafleet.server.firestore;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import io.wafleet.server.config.SettingsException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Builds the Firestore client for a {@link FirestoreAccess}. */
public final class FirestoreClients {

    private FirestoreClients() {
    }

    public static Firestore open(FirestoreAccess access) {
        FirestoreOptions.Builder options = FirestoreOptions.newBuilder().setProjectId(access.projectId());
        switch (access) {
            case FirestoreAccess.Emulator emulator -> options.setEmulatorHost(emulator.hostPort());
            case FirestoreAccess.ServiceAccount account -> {
                try {
                    options.setCredentials(ServiceAccountCredentials.fromStream(
                            new ByteArrayInputStream(account.json().getBytes(StandardCharsets.UTF_8))));
                } catch (IOException | RuntimeException e) {
                    throw new SettingsException("FIREBASE_SERVICE_ACCOUNT_JSON", "is not a usable service-account key ("
                            + e.getClass().getSimpleName() + "); download a new key for the Firebase project");
                }
            }
        }
        return options.build().getService();
    }
}
