package io.wafleet.simulator.device;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.jid.JidServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The simulated server's accounts: phones and the companion devices they linked, with each device's live
 * connections. Changes that a client depends on after a crash (a pairing, a removal, a ban) are written to
 * the state file before the call returns; frequent ones (last login, uploaded pre-keys) are coalesced into
 * one write shortly after, so 500 logins do not mean 500 rewrites.
 */
public final class DeviceRegistry {
    private static final Duration COALESCE_DELAY = Duration.ofMillis(300);

    private final KeyPair rootKey;
    private final ConcurrentMap<String, PhoneAccount> phones = new ConcurrentHashMap<>();
    private final ConcurrentMap<Jid, DeviceEntry> devices = new ConcurrentHashMap<>();
    private final Optional<StateFile> stateFile;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final AtomicBoolean saveScheduled = new AtomicBoolean();
    private final Object saveLock = new Object();
    private boolean closed;

    public DeviceRegistry(SimulatorState initial, Optional<StateFile> stateFile, ScheduledExecutorService scheduler,
            Clock clock) {
        this.rootKey = initial.rootKey();
        this.stateFile = stateFile;
        this.scheduler = scheduler;
        this.clock = clock;
        initial.phones().forEach(phone -> phones.put(phone.number(), phone));
        initial.devices().forEach(device -> devices.put(device.jid(), new DeviceEntry(device)));
    }

    public KeyPair rootKey() {
        return rootKey;
    }

    public Clock clock() {
        return clock;
    }

    /** The phone with this number, created (with a new identity key) on first use. */
    public PhoneAccount phone(String number) {
        return phones(List.of(number)).getFirst();
    }

    /**
     * The phones with these numbers, in order, creating the new ones with a single write of the state file (a
     * benchmark creates hundreds, and every write rewrites every device). Every number is checked before any
     * phone is created.
     */
    public List<PhoneAccount> phones(List<String> numbers) {
        List<String> allDigits = numbers.stream().map(PhoneAccount::normalizeNumber).toList();
        boolean[] created = {false};
        List<PhoneAccount> found = allDigits.stream().map(digits -> phones.computeIfAbsent(digits, key -> {
            created[0] = true;
            return new PhoneAccount(key, X25519.generateKeyPair(), lidUserFor(key), 0);
        })).toList();
        if (created[0]) {
            saveNow();
        }
        return found;
    }

    public Optional<PhoneAccount> findPhone(String number) {
        return Optional.ofNullable(phones.get(PhoneAccount.normalizeNumber(number)));
    }

    /** The phone whose number is exactly these digits (as a JID's user part carries them); no validation. */
    public Optional<PhoneAccount> findPhoneExact(String digits) {
        return Optional.ofNullable(phones.get(digits));
    }

    /** The phone whose LID user this is (clients address Signal sessions by LID). */
    public Optional<PhoneAccount> findPhoneByLid(String lidUser) {
        return phones.values().stream().filter(phone -> phone.lidUser().equals(lidUser)).findFirst();
    }

    /** Reserves the next device id / key index of the phone for a companion being linked. */
    public PhoneAccount reserveDeviceSlot(String number) {
        PhoneAccount updated = phones.computeIfPresent(PhoneAccount.normalizeNumber(number),
                (key, phone) -> phone.withOneMoreDevice());
        if (updated == null) {
            throw new IllegalArgumentException("no such phone");
        }
        saveNow();
        return updated;
    }

    /** Stores a freshly linked device and writes the state file before returning. */
    public void addDevice(DeviceRecord device) {
        devices.put(device.jid(), new DeviceEntry(device));
        saveNow();
    }

    public Optional<DeviceRecord> find(Jid jid) {
        return Optional.ofNullable(devices.get(jid)).map(DeviceEntry::record);
    }

    /** A device by its phone-number JID or by its LID (clients address Signal sessions by LID). */
    public Optional<DeviceRecord> findByAddress(Jid address) {
        Optional<DeviceRecord> byJid = find(address);
        if (byJid.isPresent() || !address.server().equals(JidServer.LID)) {
            return byJid;
        }
        return devices.values().stream().map(DeviceEntry::record).filter(device -> device.lid().equals(address)).findFirst();
    }

    /**
     * The device's pre-key bundle parts, taking one one-time pre-key out of the store (as the server hands each
     * out once). Empty one-time key when the device has none left.
     */
    public Optional<PreKeyBundle> takeBundle(Jid jid) {
        DeviceEntry entry = devices.get(jid);
        if (entry == null) {
            return Optional.empty();
        }
        PreKeyBundle bundle;
        synchronized (entry) {
            DeviceRecord record = entry.record();
            Optional<PreKey> oneTime = record.preKeys().stream().findFirst();
            bundle = new PreKeyBundle(record, oneTime);
            oneTime.ifPresent(key -> entry.replace(record.withoutPreKey(key.id())));
        }
        saveSoon();
        return Optional.of(bundle);
    }

    /** Applies a change to a device; {@code durable} changes are on disk when this returns. */
    public Optional<DeviceRecord> update(Jid jid, UnaryOperator<DeviceRecord> change, boolean durable) {
        DeviceEntry entry = devices.get(jid);
        if (entry == null) {
            return Optional.empty();
        }
        DeviceRecord updated;
        synchronized (entry) {
            updated = change.apply(entry.record());
            entry.replace(updated);
        }
        if (durable) {
            saveNow();
        } else {
            saveSoon();
        }
        return Optional.of(updated);
    }

    /** The linked devices of a phone that are not removed, in device order. */
    public List<DeviceRecord> activeDevicesOf(String number) {
        return devices.values().stream().map(DeviceEntry::record)
                .filter(device -> device.phone().equals(number) && !device.removed())
                .sorted(Comparator.comparingInt(device -> device.jid().deviceId())).toList();
    }

    /** Registers a logged-in connection; returns the connections of the same device it replaces. */
    public List<LiveConnection> attach(Jid jid, LiveConnection connection) {
        return entry(jid).map(entry -> entry.attach(connection)).orElse(List.of());
    }

    public void detach(Jid jid, LiveConnection connection) {
        entry(jid).ifPresent(entry -> entry.detach(connection));
    }

    public List<LiveConnection> liveConnections(Jid jid) {
        return entry(jid).map(DeviceEntry::liveConnections).orElse(List.of());
    }

    public List<LiveConnection> allLiveConnections() {
        return devices.values().stream().flatMap(entry -> entry.liveConnections().stream()).toList();
    }

    public List<DeviceView> devices() {
        return devices.values().stream().map(this::view)
                .sorted(Comparator.comparing(view -> view.jid().toString())).toList();
    }

    public Optional<DeviceView> device(Jid jid) {
        return entry(jid).map(this::view);
    }

    /** The largest number of simultaneous live connections any single device ever had. */
    public int maxLiveConnectionsPerDevice() {
        return devices.values().stream().mapToInt(DeviceEntry::maxLive).max().orElse(0);
    }

    public int liveConnectionCount() {
        return devices.values().stream().mapToInt(entry -> entry.liveConnections().size()).sum();
    }

    /**
     * Writes any pending coalesced change. The flag is taken under the same lock as the write: otherwise a
     * {@link #close()} between the two would find nothing pending while this write is then refused as closed.
     */
    public void flush() {
        synchronized (saveLock) {
            if (saveScheduled.getAndSet(false) && !closed) {
                stateFile.ifPresent(file -> file.save(snapshot()));
            }
        }
    }

    /**
     * Writes what is pending and stops writing: a timer that fires after this (the simulator is shutting down)
     * must not overwrite the file that a restarted simulator may already own.
     */
    public void close() {
        synchronized (saveLock) {
            if (saveScheduled.getAndSet(false)) {
                stateFile.ifPresent(file -> file.save(snapshot()));
            }
            closed = true;
        }
    }

    public SimulatorState snapshot() {
        return new SimulatorState(rootKey, List.copyOf(phones.values()),
                devices.values().stream().map(DeviceEntry::record).toList());
    }

    private DeviceView view(DeviceEntry entry) {
        DeviceRecord record = entry.record();
        int live = entry.liveConnections().size();
        return new DeviceView(record.jid(), record.lid(), record.phone(), live > 0, live, entry.maxLive(), entry.replacedCount(),
                record.lastLoginAt(), record.removed(), record.activeBan(clock.instant()));
    }

    private Optional<DeviceEntry> entry(Jid jid) {
        return Optional.ofNullable(devices.get(jid));
    }

    private void saveNow() {
        stateFile.ifPresent(file -> {
            synchronized (saveLock) {
                if (!closed) {
                    file.save(snapshot());
                }
            }
        });
    }

    private void saveSoon() {
        if (stateFile.isPresent() && saveScheduled.compareAndSet(false, true)) {
            try {
                scheduler.schedule(() -> Thread.ofVirtual().name("sim-state-save").start(this::flush),
                        COALESCE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                // The simulator is closing; its final flush() writes the pending change.
            }
        }
    }

    /** A stable, distinct LID user per number: 1 followed by the number zero-padded to 15 digits. */
    private static String lidUserFor(String number) {
        return "1" + "0".repeat(15 - number.length()) + number;
    }

    /** The address of a companion device of a phone. */
    public static Jid deviceJid(String number, int deviceId) {
        return Jid.of(number, JidServer.WHATSAPP, deviceId);
    }

    public static Jid deviceLid(String lidUser, int deviceId) {
        return Jid.of(lidUser, JidServer.LID, deviceId);
    }
}
