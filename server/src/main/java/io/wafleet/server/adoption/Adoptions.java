package io.wafleet.server.adoption;

import io.wafleet.server.registry.AccountId;

import java.util.Objects;
import java.util.Optional;

/** The adoption as the rest of the server sees it: this boot's report and, per slot, the old id it was adopted from. */
public final class Adoptions {

    private final AdoptionReport report;
    private final AdoptionLedger ledger;

    public Adoptions(AdoptionReport report, AdoptionLedger ledger) {
        this.report = Objects.requireNonNull(report, "report");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    public AdoptionReport report() {
        return report;
    }

    /** The old Baileys account id of the account in {@code slot}, shown beside the slot as its alias. */
    public Optional<String> aliasOf(AccountId slot) {
        return ledger.aliasOf(slot);
    }
}
