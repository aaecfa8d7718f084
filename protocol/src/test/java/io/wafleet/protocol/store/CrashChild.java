package io.wafleet.protocol.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * The process {@link KillDashNineTest} kills: opens the account in {@code args[0]} and commits forever. Each
 * transaction N sets the credentials' counter (nextPreKeyId) to N, puts identity key {@code k-N}, deletes
 * {@code k-(N-3)} and rewrites session {@code latest} to N: four changes that only make sense together. It prints
 * {@code ready N} once loaded and {@code committed N} after each commit returns, flushed before the next begins.
 */
public final class CrashChild {
    /** Small thresholds so compaction runs every few commits and gets killed too. */
    static final CompactionPolicy POLICY = new CompactionPolicy(2048, 12);
    static final int LIVE_KEYS = 3;

    private CrashChild() {}

    public static void main(String[] args) {
        Random random = new Random(Long.parseLong(args[1]));
        try (FileAuthStore store = FileAuthStore.open(Path.of(args[0]), POLICY)) {
            AuthState state = store.state();
            Credentials creds = state.credentials().orElseGet(() -> TestCredentials.unpaired(random).toBuilder()
                    .nextPreKeyId(0).build());
            int n = creds.nextPreKeyId();
            System.out.println("ready " + n);
            System.out.flush();
            while (true) {
                n++;
                creds = creds.toBuilder().nextPreKeyId(n).build();
                store.apply(StateChange.builder()
                        .credentials(creds)
                        .put(KeyCategory.IDENTITY, "k-" + n, value(n, random.nextInt(1500)))
                        .delete(KeyCategory.IDENTITY, "k-" + (n - LIVE_KEYS))
                        .put(KeyCategory.SESSION, "latest", counter(n))
                        .build());
                System.out.println("committed " + n);
                System.out.flush();
                if (System.out.checkError()) {
                    // The test is gone (its end of the pipe closed): stop rather than commit forever.
                    return;
                }
            }
        }
    }

    /** The counter, then padding of a random length so frames and compactions vary in size. */
    static byte[] value(int n, int padding) {
        return (counter(n).length + ":" + n + ":" + "x".repeat(padding)).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] counter(int n) {
        return Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    /** The counter a value made by {@link #value} carries. */
    static int counterOf(byte[] value) {
        String text = new String(value, StandardCharsets.US_ASCII);
        String[] parts = text.split(":", 3);
        return Integer.parseInt(parts[1]);
    }
}
