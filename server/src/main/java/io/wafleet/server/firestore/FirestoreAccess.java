package io.wafleet.server.firestore;

/** How the process reaches Firestore: Google's service with a service account, or a local emulator. */
public sealed interface FirestoreAccess {

    String projectId();

    /** {@code FIREBASE_SERVICE_ACCOUNT_JSON}: the JSON key itself. Its text never reaches a log line. */
    record ServiceAccount(String projectId, String json) implements FirestoreAccess {
        @Override
        public String toString() {
            return "ServiceAccount[projectId=" + projectId + "]";
        }
    }

    /** {@code FIRESTORE_EMULATOR_HOST} with {@code GOOGLE_CLOUD_PROJECT}. */
    record Emulator(String hostPort, String projectId) implements FirestoreAccess {
    }
}
