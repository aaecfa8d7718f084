package io.wafleet.server.firestore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/status/firestore}: whether Firestore is in use, answering ("up") or not ("degraded"), and which
 * accounts this process holds leases for. A degraded Firestore shows here and in the metrics, never in
 * {@code /health}.
 */
@RestController
public class FirestoreStatusController {

    private final Optional<FirestoreServices> services;

    public FirestoreStatusController(ObjectProvider<FirestoreServices> services) {
        this.services = services.stream().findFirst();
    }

    public record FirestoreStatus(boolean enabled, String status, Optional<String> since, Optional<String> lastError,
                                  Optional<String> instance, List<String> leasesHeld) {
    }

    @GetMapping("/api/status/firestore")
    public FirestoreStatus status() {
        return services.map(s -> new FirestoreStatus(true, s.health().status(), Optional.of(s.health().since().toString()),
                        s.health().lastError(), Optional.of(s.keeper().holder()),
                        s.keeper().heldAccounts().stream().map(Object::toString).sorted().toList()))
                .orElseGet(() -> new FirestoreStatus(false, "off", Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
    }
}
