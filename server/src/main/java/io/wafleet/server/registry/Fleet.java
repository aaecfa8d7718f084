package io.wafleet.server.registry;

import io.wafleet.server.supervisor.AccountSnapshot;
import io.wafleet.server.supervisor.AccountSupervisor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/** The configured slots, in order, each with its one supervisor. */
public final class Fleet {

    private final Map<AccountId, AccountSupervisor> supervisors = new LinkedHashMap<>();

    public Fleet(Collection<AccountSupervisor> all) {
        all.forEach(s -> supervisors.put(s.id(), s));
    }

    public Optional<AccountSupervisor> get(AccountId id) {
        return Optional.ofNullable(supervisors.get(id));
    }

    public Collection<AccountSupervisor> supervisors() {
        return supervisors.values();
    }

    public List<AccountSnapshot> snapshots() {
        List<AccountSnapshot> all = new ArrayList<>(supervisors.size());
        supervisors.values().forEach(s -> all.add(s.snapshot()));
        return all;
    }

    public int size() {
        return supervisors.size();
    }

    /** Starts every slot that has credentials; the gate spaces the handshakes out. */
    public void restore(BootReport report) {
        report.withCredentials().forEach(id -> get(id).ifPresent(s -> s.start("boot-restore")));
    }

    /** Closes every socket at once (one virtual thread each) and returns when all stores are durable. */
    public void shutdown() {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            supervisors.values().forEach(s -> executor.execute(s::shutdown));
        }
    }
}
