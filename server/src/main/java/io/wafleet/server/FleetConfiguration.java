package io.wafleet.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.wafleet.server.adoption.Adoptions;
import io.wafleet.server.alerts.AlertRules;
import io.wafleet.server.alerts.AlertSink;
import io.wafleet.server.alerts.WebhookAlertSender;
import io.wafleet.server.api.AdminTokenFilter;
import io.wafleet.server.api.EventStream;
import io.wafleet.server.api.QrImages;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.connector.AccountConnector;
import io.wafleet.server.ops.FleetMetrics;
import io.wafleet.server.ops.SelfWatch;
import io.wafleet.server.ops.StorageHealth;
import io.wafleet.server.ops.StorageHealthIndicator;
import io.wafleet.server.ops.TransitionLog;
import io.wafleet.server.registry.Coordination;
import io.wafleet.server.registry.Fleet;
import io.wafleet.server.storage.DisplayNames;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.supervisor.AccountSupervisor;
import io.wafleet.server.supervisor.Backoff;
import io.wafleet.server.supervisor.ClientVersionRecovery;
import io.wafleet.server.supervisor.ConnectionGate;
import io.wafleet.server.supervisor.FleetEvents;
import io.wafleet.server.supervisor.FleetListener;
import io.wafleet.server.supervisor.OutageDetector;
import io.wafleet.server.supervisor.ScheduledTimers;
import io.wafleet.server.supervisor.SupervisorContext;
import io.wafleet.server.supervisor.SupervisorSettings;
import io.wafleet.server.supervisor.Timers;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wires the plain classes into the running service. {@link FleetSettings} and {@link SessionsVolume} are not
 * made here: the launcher validates them before Spring starts (so a bad variable or volume ends the process with
 * one clear line) and registers them; tests register their own.
 */
@Configuration(proxyBeanMethods = false)
public class FleetConfiguration {

    /** A connection must stay up this long before its backoff counter resets (DESIGN §2). */
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    FleetThreads fleetThreads() {
        return new FleetThreads();
    }

    @Bean
    Timers timers(FleetThreads threads) {
        return new ScheduledTimers(threads.scheduler());
    }

    @Bean
    ConnectionGate connectionGate(FleetSettings settings, Timers timers, Clock clock) {
        return new ConnectionGate(settings.tuning().handshakesInFlight(), settings.tuning().handshakesPerSecond(), timers, clock);
    }

    @Bean
    DisplayNames displayNames(SessionsVolume volume) {
        return new DisplayNames(volume.root());
    }

    @Bean
    QrImages qrImages() {
        return new QrImages();
    }

    @Bean
    StorageHealth storageHealth(SessionsVolume volume, Clock clock) {
        return new StorageHealth(volume, clock);
    }

    @Bean
    StorageHealthIndicator sessionsStorageHealthIndicator(StorageHealth storage) {
        return new StorageHealthIndicator(storage);
    }

    @Bean
    AlertSink alertSink(FleetSettings settings, Clock clock, MeterRegistry meters) {
        return settings.alertWebhook()
                .<AlertSink>map(webhook -> new WebhookAlertSender(webhook, HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5)).build(), clock, meters, WebhookAlertSender.RetryPolicy.standard()))
                .orElse(alert -> meters.counter("wafleet.alerts.sent", "result", "log_only").increment());
    }

    @Bean
    AlertRules alertRules(AlertSink sink, FleetSettings settings) {
        return new AlertRules(sink, settings.tuning().flapAlertPerHour());
    }

    @Bean
    FleetMetrics fleetMetrics(MeterRegistry registry, FleetSettings settings) {
        return new FleetMetrics(registry, settings.accounts());
    }

    @Bean
    Fleet fleet(FleetSettings settings, SessionsVolume volume, DisplayNames names, AccountConnector connector,
                ConnectionGate gate, Timers timers, FleetThreads threads, Clock clock,
                AlertRules alertRules, FleetMetrics metrics, EventStream events, Coordination coordination,
                Adoptions adoptions) {
        ExecutorService executor = threads.executor();
        // The outage detector releases the fleet it listens to: it learns the fleet once the fleet is built.
        AtomicReference<Fleet> built = new AtomicReference<>();
        SecureRandom random = new SecureRandom();
        List<FleetListener> listeners = new ArrayList<>(List.of(new TransitionLog(), alertRules, metrics, events,
                new ClientVersionRecovery(gate, connector, timers, executor, random),
                new OutageDetector(gate, executor,
                        () -> built.get().supervisors().forEach(s -> s.retryNow("outage-over")))));
        listeners.addAll(coordination.listeners());
        SupervisorContext context = new SupervisorContext(connector, gate, timers, executor, clock,
                Backoff.standard(random),
                new SupervisorSettings(settings.tuning().connectTimeout(), settings.tuning().qrTimeout(), STABLE_AFTER),
                new FleetEvents(listeners), volume::archive, coordination.ownership());
        List<AccountSupervisor> supervisors = settings.accounts().stream()
                .map(id -> new AccountSupervisor(id, volume.accountDirectory(id), names.get(id).orElse(id.value()),
                        adoptions.aliasOf(id), context))
                .toList();
        Fleet fleet = new Fleet(supervisors);
        built.set(fleet);
        return fleet;
    }

    @Bean
    SelfWatch selfWatch(Fleet fleet, StorageHealth storage, AlertRules alerts, FleetThreads threads, Clock clock) {
        return new SelfWatch(fleet, storage, alerts, threads.executor(), clock, code -> Runtime.getRuntime().halt(code));
    }

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(FleetSettings settings) {
        FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(new AdminTokenFilter(settings.adminToken()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
