package io.wafleet.protocol.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The primary guarantee: a {@code kill -9} at any instant leaves the account loadable, consistent, and holding
 * every change the process had acknowledged. A child JVM ({@link CrashChild}) commits in a loop on one account
 * directory; this test SIGKILLs it at seeded random moments (during start-up and recovery too) and checks the
 * directory after every kill. The directory is reused, so journal appends, compactions and recoveries all get
 * killed mid-way.
 *
 * <p>{@code -Dwafleet.crash.seed} and {@code -Dwafleet.crash.kills} replay or lengthen a run.
 */
class KillDashNineTest {
    private static final long SEED = Long.getLong("wafleet.crash.seed", 0x5EED_2026L);
    private static final int KILLS = Integer.getInteger("wafleet.crash.kills", 200);
    /** One kill in five lands at a random point of start-up, when recovery may be writing. */
    private static final int STARTUP_KILL_ONE_IN = 5;

    @TempDir
    Path sessions;

    @Test
    void everyKillLeavesTheLastAcknowledgedStateOrOneMore() throws Exception {
        Random random = new Random(SEED);
        Path account = sessions.resolve("WA-01");
        Path childLog = sessions.resolve("child-stderr.log");
        long committed = 0;
        int killsAfterUnacknowledgedCommit = 0;
        Map<String, Integer> shapes = new TreeMap<>();
        long started = System.nanoTime();
        for (int kill = 1; kill <= KILLS; kill++) {
            ChildRun run = ChildRun.start(account, random.nextLong(), childLog);
            try {
                if (random.nextInt(STARTUP_KILL_ONE_IN) == 0) {
                    Thread.sleep(random.nextInt(400));
                } else {
                    assertThat(run.ready.await(60, TimeUnit.SECONDS)).as("child ready, see " + childLog).isTrue();
                    assertThat(run.readyAt.get()).as("the child loads what the last check saw").isEqualTo(committed);
                    Thread.sleep(5 + random.nextInt(76));
                }
            } finally {
                run.kill();
            }
            long acknowledged = Math.max(committed, run.lastCommitted.get());
            Path journal = account.resolve(StoreFiles.JOURNAL);
            long journalBefore = Files.exists(journal) ? Files.size(journal) : -1;
            shapes.merge(shapeOf(account), 1, Integer::sum);
            long found = checkAccount(account, acknowledged, "kill " + kill + " (seed " + SEED + ")");
            if (journalBefore > Files.size(journal)) {
                shapes.merge("journal with a torn tail", 1, Integer::sum);
            }
            if (found > acknowledged) {
                killsAfterUnacknowledgedCommit++;
            }
            committed = found;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("kill -9 test: %d kills in %d ms (seed %d), %d commits survived, "
                + "%d kills landed after a commit that was durable but not yet acknowledged%n",
                KILLS, millis, SEED, committed, killsAfterUnacknowledgedCommit);
        System.out.println("kill -9 test: what the kills left behind: " + shapes);
        assertThat(committed).as("the children committed something").isPositive();
    }

    @Test
    void anotherProcessCannotOpenALiveAccount() throws Exception {
        Path account = sessions.resolve("WA-02");
        ChildRun run = ChildRun.start(account, SEED, sessions.resolve("child-stderr.log"));
        try {
            assertThat(run.ready.await(60, TimeUnit.SECONDS)).as("child ready").isTrue();
            assertThatThrownBy(() -> FileAuthStore.open(account)).isInstanceOf(StoreLockedException.class);
        } finally {
            run.kill();
        }
        try (FileAuthStore store = FileAuthStore.open(account)) {
            assertThat(store.state().sequence()).isBetween(run.lastCommitted.get(), run.lastCommitted.get() + 1);
        }
    }

    /** What a kill left on disk, read without modifying anything, so the report shows which paths were hit. */
    private static String shapeOf(Path account) throws IOException {
        if (!Files.exists(account.resolve(StoreFiles.SNAPSHOT))) {
            return "no snapshot yet (killed while creating the account)";
        }
        if (Files.exists(account.resolve(StoreFiles.SNAPSHOT_TMP))) {
            return "compaction killed while writing its snapshot";
        }
        if (Files.exists(account.resolve(StoreFiles.JOURNAL_TMP))) {
            return "compaction killed while writing its journal";
        }
        if (!Files.exists(account.resolve(StoreFiles.JOURNAL))) {
            return "snapshot without a journal";
        }
        try (Snapshot snapshot = Snapshot.open(account.resolve(StoreFiles.SNAPSHOT));
                Journal journal = Journal.open(account.resolve(StoreFiles.JOURNAL))) {
            return journal.generation() < snapshot.generation()
                    ? "compaction killed between its two renames"
                    : "snapshot and journal of one generation";
        }
    }

    /**
     * Loads the account and checks it: credentials counter N no older than {@code acknowledged} and at most one
     * newer (the commit in flight when the kill came); sequence N; exactly keys k-(N-2)..k-N with their own
     * counters; session "latest" = N. Returns N.
     */
    private static long checkAccount(Path account, long acknowledged, String when) {
        try (FileAuthStore store = FileAuthStore.open(account, new CompactionPolicy(Long.MAX_VALUE, Integer.MAX_VALUE))) {
            AuthState state = store.state();
            long n = state.credentials().map(Credentials::nextPreKeyId).orElse(0);
            assertThat(n).as(when + ": counter vs acknowledged " + acknowledged).isBetween(acknowledged, acknowledged + 1);
            assertThat(state.sequence()).as(when + ": sequence").isEqualTo(n);
            List<String> expected = new ArrayList<>();
            LongRange.closed(Math.max(1, n - CrashChild.LIVE_KEYS + 1), n).forEach(i -> expected.add("k-" + i));
            assertThat(store.ids(KeyCategory.IDENTITY)).as(when + ": live keys").containsExactlyInAnyOrderElementsOf(expected);
            for (String id : expected) {
                byte[] value = store.read(KeyCategory.IDENTITY, id).orElseThrow();
                assertThat((long) CrashChild.counterOf(value)).as(when + ": " + id).isEqualTo(Long.parseLong(id.substring(2)));
            }
            Optional<byte[]> latest = store.read(KeyCategory.SESSION, "latest");
            assertThat(latest.map(bytes -> Long.parseLong(new String(bytes, StandardCharsets.US_ASCII))).orElse(0L))
                    .as(when + ": session latest").isEqualTo(n);
            return n;
        }
    }

    /** Closed ranges of longs, for the key ids a counter implies. */
    private record LongRange(long first, long last) {
        static LongRange closed(long first, long last) {
            return new LongRange(first, last);
        }

        void forEach(java.util.function.LongConsumer action) {
            for (long i = first; i <= last; i++) {
                action.accept(i);
            }
        }
    }

    /** One child JVM and what it has printed so far. */
    private static final class ChildRun {
        final Process process;
        final CountDownLatch ready = new CountDownLatch(1);
        final AtomicLong readyAt = new AtomicLong(-1);
        final AtomicLong lastCommitted = new AtomicLong(0);
        final Thread reader;

        private ChildRun(Process process) {
            this.process = process;
            this.reader = Thread.ofVirtual().start(this::readOutput);
        }

        static ChildRun start(Path account, long seed, Path log) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(java.toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m",
                    "-cp", System.getProperty("java.class.path"),
                    CrashChild.class.getName(), account.toString(), Long.toString(seed));
            builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new ChildRun(builder.start());
        }

        private void readOutput() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("ready ")) {
                        readyAt.set(Long.parseLong(line.substring(6)));
                        ready.countDown();
                    } else if (line.startsWith("committed ")) {
                        lastCommitted.set(Long.parseLong(line.substring(10)));
                    }
                }
            } catch (IOException e) {
                // The pipe breaks when the child dies; everything it wrote before that was read.
            }
        }

        /**
         * SIGKILL, then wait until the child is gone and its output is drained. Through the process handle, because
         * {@code Process.destroyForcibly()} also closes our end of the pipe and would drop the last lines the
         * child acknowledged; the signal is the same.
         */
        void kill() throws InterruptedException {
            process.toHandle().destroyForcibly();
            process.waitFor();
            reader.join();
        }
    }
}
