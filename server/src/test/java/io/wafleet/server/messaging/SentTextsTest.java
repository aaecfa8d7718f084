package io.wafleet.server.messaging;

import io.wafleet.protocol.client.messaging.SentText;
import io.wafleet.protocol.client.messaging.SentTextLookup;
import io.wafleet.server.config.MessagingSettings;
import io.wafleet.server.registry.AccountId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The outbox as the client's record of sent texts: what its retry receipts can be answered from. */
class SentTextsTest {

    private static final AccountId ACCOUNT = AccountId.of("WA-01");

    @TempDir
    Path dir;

    @Test
    void anAccountsSentTextIsFoundByIdAlsoAfterARestartAndOnlyOnceSent() {
        String sent;
        String waiting;
        try (Messaging messaging = open()) {
            sent = messaging.send(ACCOUNT, "+1 555 000 0002", "your order shipped", Optional.empty()).message().id();
            assertThat(messaging.sentTexts(ACCOUNT).find(sent)).as("queued, not sent yet").isEmpty();
            MessageTransport connection = (to, text, id) -> CompletableFuture.completedFuture(null);
            messaging.connected(ACCOUNT, connection);
            await("sent", () -> messaging.status(ACCOUNT, sent).status() == MessageStatus.SENT);
            messaging.disconnected(ACCOUNT, connection);
            waiting = messaging.send(ACCOUNT, "+1 555 000 0003", "still waiting", Optional.empty()).message().id();

            assertThat(messaging.sentTexts(ACCOUNT).find(sent))
                    .contains(new SentText("15550000002@s.whatsapp.net", "your order shipped"));
        }
        try (Messaging restarted = open()) {
            SentTextLookup lookup = restarted.sentTexts(ACCOUNT);
            assertThat(lookup.find(sent)).map(SentText::text).contains("your order shipped");
            assertThat(lookup.find(waiting)).isEmpty();
            assertThat(restarted.sentTexts(AccountId.of("WA-02")).find(sent)).as("another account's lookup").isEmpty();
        }
    }

    private Messaging open() {
        return Messaging.open(dir, List.of(ACCOUNT), new MessagingSettings(Optional.empty(), 6000, 100), Clock.systemUTC(),
                Optional.empty(), new Messaging.Counters() {
                    @Override
                    public void outbound(MessageStatus status) {
                        // counted by the metrics in production; nothing to count here
                    }

                    @Override
                    public void inbound() {
                        // as above
                    }

                    @Override
                    public void webhook(String outcome) {
                        // as above
                    }
                });
    }
}
