package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceWorkerVersionTest {
    @Test
    void findsEscapedAndPlainForms() {
        assertThat(ServiceWorkerVersion.clientRevision("a\\\"client_revision\\\":123,b")).hasValue(123);
        assertThat(ServiceWorkerVersion.clientRevision("{\"client_revision\" : 456}")).hasValue(456);
    }

    @Test
    void ignoresLookalikes() {
        assertThat(ServiceWorkerVersion.clientRevision("client_revision=789")).isEmpty();
        assertThat(ServiceWorkerVersion.clientRevision("\"client_revision\":\"abc\"")).isEmpty();
        assertThat(ServiceWorkerVersion.clientRevision("")).isEmpty();
    }
}
