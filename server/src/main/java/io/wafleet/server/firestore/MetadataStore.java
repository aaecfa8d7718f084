package io.wafleet.server.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.SetOptions;
import io.wafleet.server.ops.PhoneMasking;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.supervisor.AccountSnapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Account metadata: {@code wa_fleet_accounts/{slotId}} (written by wa-fleet, fenced by the lease epoch) and the old
 * service's {@code accounts} documents (read only). The old documents belong to a program we do not control, so
 * every field is read defensively: a missing field, a number where a string was expected, a nested map — none
 * of it is an error, it just yields nothing.
 */
public final class MetadataStore {

    /** Fields of an old document that may name the slot it belongs to. */
    private static final List<String> SLOT_FIELDS = List.of("slotId", "slot", "accountId", "sessionId", "id", "name");
    private static final List<String> NAME_FIELDS = List.of("name", "displayName", "label", "title");
    private static final List<String> PHONE_FIELDS = List.of("phone", "phoneNumber", "number", "msisdn", "jid");

    private final Firestore db;
    private final CollectionNames names;
    private final Leases leases;
    private final Duration deadline;

    public MetadataStore(Firestore db, CollectionNames names, Leases leases, Duration deadline) {
        this.db = db;
        this.names = names;
        this.leases = leases;
        this.deadline = deadline;
    }

    /** What wa-fleet's own documents say, by slot. */
    public Map<AccountId, AccountMetadata> ours(Set<AccountId> slots) {
        Map<AccountId, AccountMetadata> found = new LinkedHashMap<>();
        for (QueryDocumentSnapshot doc : Calls.await("reading " + names.accounts(), db.collection(names.accounts()).get(), deadline)) {
            if (AccountId.isValid(doc.getId()) && slots.contains(AccountId.of(doc.getId()))) {
                Object desired = doc.get("desiredState");
                // wa-fleet writes only masked phones here; anything else is masked again rather than trusted.
                Optional<String> phone = text(doc, "phone").map(p -> p.contains("*") ? p : PhoneMasking.maskPhone(p.replaceAll("\\D", "")));
                found.put(AccountId.of(doc.getId()), new AccountMetadata(text(doc, "name"), phone,
                        !"STOPPED".equals(desired), AccountMetadata.Source.WA_FLEET));
            }
        }
        return found;
    }

    /**
     * The slot the old service's {@code accounts/{oldId}} document names (by its id or a name field), for adopting
     * that account's Baileys folder; empty when there is no such document or it names none of our slots.
     */
    public Optional<AccountId> legacySlotOf(String oldId, Set<AccountId> slots) {
        DocumentSnapshot doc = Calls.await("reading " + CollectionNames.LEGACY_ACCOUNTS + "/" + oldId,
                db.collection(CollectionNames.LEGACY_ACCOUNTS).document(oldId).get(), deadline);
        return doc.exists() ? slotOf(doc, slots) : Optional.empty();
    }

    /** The old service's documents that name one of our slots, by slot; the count of the others is returned too. */
    public LegacyScan legacy(Set<AccountId> slots) {
        Map<AccountId, AccountMetadata> matched = new LinkedHashMap<>();
        int unmatched = 0;
        for (QueryDocumentSnapshot doc : Calls.await("reading " + CollectionNames.LEGACY_ACCOUNTS,
                db.collection(CollectionNames.LEGACY_ACCOUNTS).get(), deadline)) {
            Optional<AccountId> slot = slotOf(doc, slots);
            if (slot.isEmpty()) {
                unmatched++;
                continue;
            }
            Optional<String> phone = first(doc, PHONE_FIELDS).flatMap(PhoneMasking::phoneOfJid)
                    .or(() -> first(doc, PHONE_FIELDS).map(raw -> raw.replaceAll("\\D", "")).filter(d -> !d.isEmpty())
                            .map(PhoneMasking::maskPhone));
            matched.put(slot.get(), new AccountMetadata(first(doc, NAME_FIELDS).filter(n -> !n.equals(slot.get().value())),
                    phone, true, AccountMetadata.Source.LEGACY));
        }
        return new LegacyScan(matched, unmatched);
    }

    public record LegacyScan(Map<AccountId, AccountMetadata> matched, int unmatched) {
    }

    /** One account's status to write, under the lease that fences it. */
    public record StatusWrite(Lease fence, AccountSnapshot account, boolean desiredRunning) {
    }

    /**
     * Writes the statuses in one transaction. An account whose lease is no longer ours (a newer epoch exists) is
     * skipped and reported in the answer; the others are merged into their documents, so an operator's edits of
     * other fields survive.
     *
     * @return the accounts refused by fencing
     */
    public List<AccountId> write(List<StatusWrite> writes) {
        if (writes.isEmpty()) {
            return List.of();
        }
        List<DocumentReference> refs = new ArrayList<>();
        for (StatusWrite write : writes) {
            refs.add(leases.ref(write.account().id()));
            refs.add(db.collection(names.accounts()).document(write.account().id().value()));
        }
        return Calls.await("writing " + writes.size() + " account statuses", db.runTransaction(tx -> {
            List<DocumentSnapshot> docs = tx.getAll(refs.toArray(DocumentReference[]::new)).get();
            List<AccountId> refused = new ArrayList<>();
            for (int i = 0; i < writes.size(); i++) {
                StatusWrite write = writes.get(i);
                Optional<Lease> lease = Leases.read(write.account().id(), docs.get(2 * i));
                DocumentSnapshot current = docs.get(2 * i + 1);
                Long epoch = current.exists() ? current.getLong("epoch") : null;
                boolean ours = lease.isPresent() && lease.get().epoch() == write.fence().epoch()
                        && lease.get().holder().equals(write.fence().holder());
                if (!ours || (epoch != null && epoch > write.fence().epoch())) {
                    refused.add(write.account().id());
                    continue;
                }
                tx.set(refs.get(2 * i + 1), fields(write), SetOptions.merge());
            }
            return refused;
        }), deadline);
    }

    private static Map<String, Object> fields(StatusWrite write) {
        AccountSnapshot account = write.account();
        Map<String, Object> fields = new HashMap<>();
        fields.put("name", account.displayName());
        account.maskedPhone().ifPresent(phone -> fields.put("phone", phone));
        fields.put("desiredState", write.desiredRunning() ? "RUNNING" : "STOPPED");
        fields.put("status", account.state().name());
        fields.put("reason", account.reason());
        fields.put("since", timestamp(account.since()));
        account.lastConnectedAt().ifPresent(at -> fields.put("lastConnectedAt", timestamp(at)));
        fields.put("holder", write.fence().holder());
        fields.put("epoch", write.fence().epoch());
        fields.put("updatedAt", Timestamp.now());
        return fields;
    }

    private static Optional<AccountId> slotOf(DocumentSnapshot doc, Set<AccountId> slots) {
        if (AccountId.isValid(doc.getId()) && slots.contains(AccountId.of(doc.getId()))) {
            return Optional.of(AccountId.of(doc.getId()));
        }
        for (String field : SLOT_FIELDS) {
            Optional<String> value = text(doc, field);
            if (value.isPresent() && AccountId.isValid(value.get()) && slots.contains(AccountId.of(value.get()))) {
                return Optional.of(AccountId.of(value.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> first(DocumentSnapshot doc, List<String> fields) {
        return fields.stream().map(field -> text(doc, field)).flatMap(Optional::stream).findFirst();
    }

    /** A field as text when it is a string or a number; anything else (maps, arrays, blobs) yields nothing. */
    private static Optional<String> text(DocumentSnapshot doc, String field) {
        Object value;
        try {
            value = doc.get(field);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return switch (value) {
            case String s when !s.isBlank() -> Optional.of(s.strip());
            case Long n -> Optional.of(Long.toString(n));
            case Double n -> Optional.of(Double.toString(n));
            case null, default -> Optional.empty();
        };
    }

    private static Timestamp timestamp(java.time.Instant at) {
        return Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), at.getNano());
    }
}
