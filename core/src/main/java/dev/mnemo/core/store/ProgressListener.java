package dev.mnemo.core.store;

/**
 * Told how far long maintenance work has come: filling the keyword leg of a store that predates
 * it (on open), or rebuilding it ({@code reindex}). Called on the thread doing the work.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores every update. */
    ProgressListener NONE = (task, done, total) -> { };

    /**
     * @param task  what is being done, e.g. {@code "keyword index Kafka"}
     * @param done  records processed so far
     * @param total records to process in all
     */
    void update(String task, long done, long total);
}
