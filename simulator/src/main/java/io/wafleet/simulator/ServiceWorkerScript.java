package io.wafleet.simulator;

import java.nio.charset.StandardCharsets;

/**
 * The WhatsApp Web service worker ({@code /sw.js}), reduced to what a client reads from it: the
 * {@code client_revision} that becomes the third part of the web version (2.3000.&lt;revision&gt;). Baileys'
 * {@code fetchLatestWaWebVersion} finds it with a regular expression over the escaped JSON, so the shape
 * of that fragment matters and is kept as WhatsApp serves it.
 */
final class ServiceWorkerScript {
    private ServiceWorkerScript() {}

    static byte[] withRevision(long clientRevision) {
        String script = "/*sim*/self.__swData=JSON.parse(/*BTDS*/\"{\\\"dynamic_data\\\":{\\\"SiteData\\\":"
                + "{\\\"server_revision\\\":" + clientRevision + ",\\\"client_revision\\\":" + clientRevision
                + "}}}\");\n";
        return script.getBytes(StandardCharsets.UTF_8);
    }
}
