package io.wafleet.server.registry;

import java.util.List;

/**
 * What the boot scan found under the sessions path.
 *
 * @param withCredentials slots restored and connected without a QR
 * @param empty           slots waiting for an operator to link them
 * @param foreign         slots whose directory holds another client's session (left untouched)
 * @param unknown         entries that are not slots of this fleet, or not classifiable (left untouched)
 */
public record BootReport(List<AccountId> withCredentials, List<AccountId> empty, List<AccountId> foreign,
                         List<String> unknown) {

    public BootReport {
        withCredentials = List.copyOf(withCredentials);
        empty = List.copyOf(empty);
        foreign = List.copyOf(foreign);
        unknown = List.copyOf(unknown);
    }
}
