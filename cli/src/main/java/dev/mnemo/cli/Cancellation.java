package dev.mnemo.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cooperative Ctrl-C: the JVM shutdown hook calls {@link #request()} and waits in
 * {@link #awaitFinished} while the running command finishes its current batch (a transaction)
 * and closes the store; long loops poll {@link #requested()} between batches.
 *
 * <p>Thread-safe. One per process (owned by {@link Main}); tests make their own.
 */
public class Cancellation {
    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Asks the running command to stop at the next batch boundary. */
    public void request() {
        requested = true;
    }

    /** True once a stop was requested (overridable so tests can stop a command part-way). */
    public boolean requested() {
        return requested;
    }

    /** Throws {@link CliException} with {@link ExitCodes#INTERRUPTED} when a stop was requested. */
    public void check(String progressNote) {
        if (requested()) {
            throw new CliException(ExitCodes.INTERRUPTED, "interrupted; " + progressNote);
        }
    }

    /** Called once the command has returned and closed everything. */
    public void finished() {
        finished.countDown();
    }

    /** Waits until the command has finished, at most the given time; true when it did. */
    public boolean awaitFinished(long timeout, TimeUnit unit) {
        try {
            return finished.await(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
