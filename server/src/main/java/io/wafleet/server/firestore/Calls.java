package io.wafleet.server.firestore;

import com.google.api.core.ApiFuture;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for one Firestore call with a deadline. The client's own retries can run for a minute when Firestore is
 * away; a lease renewal or a backup must learn sooner, so every wait here is bounded. Failures of our own making
 * (a fenced write) pass through as they were thrown inside a transaction.
 *
 * <p>A call that misses the deadline is given up, never cancelled. Cancelling a transaction between its read and
 * its commit abandons it on the server with its locks held until the server expires it (a minute in the emulator),
 * and every later transaction on the same documents (the leases, the backup head) then fails with a lock timeout:
 * after an outage the fleet would wait that minute before it could take its leases back. Left alone, the client
 * commits or rolls back when Firestore answers again, and the locks go at once. A call it cannot finish ends within
 * the client's own retry limits (about a minute per request), so abandoned waits do not pile up.
 */
final class Calls {

    private Calls() {
    }

    static <T> T await(String what, ApiFuture<T> future, Duration deadline) {
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BackupException own) {
                throw own;
            }
            if (cause != null && cause.getCause() instanceof BackupException own) {
                throw own;
            }
            throw new FirestoreUnavailableException(what + " failed: " + (cause == null ? e : cause), e);
        } catch (TimeoutException e) {
            throw new FirestoreUnavailableException(what + " got no answer within " + deadline.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FirestoreUnavailableException(what + " interrupted", e);
        }
    }
}
