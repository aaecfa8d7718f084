package io.wafleet.server.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.webhook.SignedWebhook;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Wires messaging: the outboxes beside the sessions, the message webhook, the metrics. */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    /** A dot-directory: the boot scan leaves it alone, and it sits on the same checked volume as the sessions. */
    static final String DIRECTORY = ".messaging";

    @Bean(destroyMethod = "close")
    Messaging messaging(FleetSettings settings, SessionsVolume volume, Clock clock, MeterRegistry meters) {
        var webhook = settings.messaging().webhook().map(target -> new SignedWebhook(target.url(), target.secret(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), clock));
        // Looked up once: a registry lookup builds a meter id and hashes its tags, several per message otherwise.
        Map<MessageStatus, Counter> outbound = new EnumMap<>(MessageStatus.class);
        for (MessageStatus status : MessageStatus.values()) {
            outbound.put(status, meters.counter("wafleet.messages.outbound", "status", status.wireName()));
        }
        Counter inbound = meters.counter("wafleet.messages.inbound");
        Messaging messaging = Messaging.open(volume.root().resolve(DIRECTORY), settings.accounts(), settings.messaging(), clock, webhook,
                new Messaging.Counters() {
                    @Override
                    public void outbound(MessageStatus status) {
                        outbound.get(status).increment();
                    }

                    @Override
                    public void inbound() {
                        inbound.increment();
                    }

                    @Override
                    public void webhook(String outcome) {
                        meters.counter("wafleet.messages.webhook", "result", outcome).increment();
                    }
                });
        Gauge.builder("wafleet.messages.queued", messaging, Messaging::queuedTotal).register(meters);
        Gauge.builder("wafleet.messages.webhook.pending", messaging, Messaging::pendingWebhookEvents).register(meters);
        return messaging;
    }
}
