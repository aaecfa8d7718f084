package io.wafleet.protocol.client;

import io.wafleet.protocol.binary.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code <receipt>} about messages we sent: the id in its attribute plus any in {@code <list><item id>}
 * (WhatsApp batches receipts for several messages of one chat). Retry receipts are the messaging layer's
 * business, not a status, and yield nothing here.
 */
final class Receipts {
    private Receipts() {}

    static Optional<ClientEvent.ReceiptReceived> statusOf(Node receipt) {
        Optional<String> type = receipt.attr("type");
        Optional<String> from = receipt.attr("from");
        if (type.filter("retry"::equals).isPresent() || from.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        receipt.attr("id").ifPresent(ids::add);
        receipt.child("list").ifPresent(list -> list.childrenByTag("item")
                .forEach(item -> item.attr("id").ifPresent(ids::add)));
        return ids.isEmpty() ? Optional.empty() : Optional.of(new ClientEvent.ReceiptReceived(ids, from.get(), type));
    }
}
