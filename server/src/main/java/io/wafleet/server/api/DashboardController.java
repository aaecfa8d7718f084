package io.wafleet.server.api;

import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.ops.StorageHealth;
import io.wafleet.server.registry.Fleet;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.supervisor.AccountSnapshot;
import io.wafleet.server.supervisor.AccountState;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/status/dashboard}: everything the dashboard page shows, in the seed service's shape. */
@RestController
public class DashboardController {

    private final Fleet fleet;
    private final SessionsVolume volume;
    private final StorageHealth storage;
    private final QrImages images;
    private final Clock clock;
    private final boolean demo;
    private final Instant startedAt;

    public DashboardController(Fleet fleet, SessionsVolume volume, StorageHealth storage, QrImages images, Clock clock,
                               FleetSettings settings) {
        this.demo = settings.demo();
        this.fleet = fleet;
        this.volume = volume;
        this.storage = storage;
        this.images = images;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public record Dashboard(String timestamp, Service service, Storage storage, List<AccountView> accounts, Summary summary) {
    }

    /** {@code uptime} in whole seconds; {@code demo} when the accounts link to the embedded simulator. */
    public record Service(String status, long uptime, String version, boolean demo) {
    }

    public record Storage(String path, boolean writable, int totalAccounts) {
    }

    public record Summary(int connected, int connecting, int disconnected,
                          @JsonProperty("needs_qr") int needsQr,
                          @JsonProperty("logged_out") int loggedOut,
                          int banned, int conflict, int stopped, int total) {

        static Summary of(List<AccountSnapshot> accounts) {
            return new Summary(count(accounts, AccountState.CONNECTED), count(accounts, AccountState.CONNECTING),
                    count(accounts, AccountState.DISCONNECTED), count(accounts, AccountState.QR_REQUIRED),
                    count(accounts, AccountState.LOGGED_OUT), count(accounts, AccountState.BANNED),
                    count(accounts, AccountState.CONFLICT), count(accounts, AccountState.STOPPED), accounts.size());
        }

        private static int count(List<AccountSnapshot> accounts, AccountState state) {
            return (int) accounts.stream().filter(a -> a.state() == state).count();
        }
    }

    @GetMapping("/api/status/dashboard")
    public Dashboard dashboard() {
        Instant now = clock.instant();
        List<AccountSnapshot> accounts = fleet.snapshots();
        boolean writable = storage.writable();
        return new Dashboard(
                now.toString(),
                new Service(writable ? "UP" : "DOWN", Duration.between(startedAt, now).toSeconds(), Version.current(), demo),
                new Storage(volume.root().toString(), writable, accounts.size()),
                accounts.stream().map(a -> AccountView.of(a, images, false)).toList(),
                Summary.of(accounts));
    }
}
