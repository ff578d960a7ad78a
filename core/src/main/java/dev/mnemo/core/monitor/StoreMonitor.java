package dev.mnemo.core.monitor;

import java.util.List;

/**
 * Receives what a store did and how long it took. Implementations are thread-safe and cheap:
 * they are called on every search and write.
 */
public interface StoreMonitor extends AutoCloseable {

    /** Operation names used for {@link #operation}. */
    String ADD = "add";
    String BATCH_ADD = "batch_add";
    String UPDATE = "update";
    String DELETE = "delete";
    String PRUNE = "prune";
    String BACKUP = "backup";
    String RESTORE = "restore";
    String RECONCILE = "reconcile";
    String SEARCH = "search";

    /** A finished search. */
    void search(SearchTrace trace);

    /** A finished write or maintenance operation touching {@code records} records. */
    void operation(String name, long nanos, int records);

    /** Texts answered from the embedding cache and texts sent to the model by one embedding call. */
    void embedding(int cacheHits, int cacheMisses);

    /** Flushes what is buffered. */
    @Override
    default void close() {
    }

    /** False for the no-op monitor, so callers can skip building traces entirely. */
    default boolean enabled() {
        return true;
    }

    /** Monitoring switched off. */
    static StoreMonitor none() {
        return NoMonitor.INSTANCE;
    }

    /** All of the given monitors (the disabled ones dropped). */
    static StoreMonitor of(List<StoreMonitor> monitors) {
        List<StoreMonitor> active = monitors.stream().filter(StoreMonitor::enabled).toList();
        if (active.isEmpty()) {
            return none();
        }
        return active.size() == 1 ? active.get(0) : new CompositeMonitor(active);
    }
}
