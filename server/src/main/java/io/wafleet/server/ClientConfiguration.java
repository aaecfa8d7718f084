package io.wafleet.server;

import io.wafleet.protocol.client.ClientOptions;
import io.wafleet.protocol.client.ClientRuntime;
import io.wafleet.protocol.client.WebVersion;
import io.wafleet.protocol.client.WebVersionSource;
import io.wafleet.protocol.noise.TrustedRoot;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.connector.ServerTarget;
import io.wafleet.server.registry.Coordination;
import io.wafleet.server.connector.WaClientConnector;
import io.wafleet.server.messaging.Messaging;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.simulator.WaSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;
import java.time.Duration;

/** The WhatsApp client behind the supervisors, and in demo mode the simulator it talks to. */
@Configuration(proxyBeanMethods = false)
public class ClientConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClientConfiguration.class);

    /** One HTTP client (one selector thread) and one timer thread for every connection of the process. */
    @Bean(destroyMethod = "close")
    ClientRuntime clientRuntime() {
        return new ClientRuntime();
    }

    /** Demo mode only: a simulator in this process, its state kept beside the sessions so links survive restarts. */
    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty("wafleet.demo")
    WaSimulator demoSimulator(SessionsVolume volume) {
        WaSimulator simulator = WaSimulator.builder().stateFile(volume.root().resolve(".wa-fleet-demo-simulator")).start();
        log.warn("DEMO MODE: accounts link to an embedded WhatsApp simulator at {} whose root key is trusted; no real WhatsApp is involved",
                simulator.url());
        return simulator;
    }

    @Bean
    WaClientConnector waClientConnector(FleetSettings settings, ClientRuntime runtime, ObjectProvider<WaSimulator> demo,
                                        Coordination coordination, Messaging messaging) {
        ServerTarget target = demo.stream().findFirst()
                .map(simulator -> new ServerTarget(simulator.url(), TrustedRoot.explicit(simulator.rootPublicKey()),
                        simulator.serviceWorkerUrl()))
                .orElseGet(() -> ServerTarget.from(settings));
        ClientOptions options = ClientOptions.defaults().withServer(target.chat(), target.root());
        WebVersionSource versions = new WebVersionSource(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                target.serviceWorker(), Duration.ofSeconds(10), WebVersion.DEFAULT);
        return new WaClientConnector(options, runtime, versions, coordination.stores(), messaging);
    }
}
