package dev.mnemo.core.monitor;

import java.util.List;

/** Forwards to several monitors. */
final class CompositeMonitor implements StoreMonitor {
    private final List<StoreMonitor> monitors;

    CompositeMonitor(List<StoreMonitor> monitors) {
        this.monitors = List.copyOf(monitors);
    }

    @Override
    public void search(SearchTrace trace) {
        monitors.forEach(m -> m.search(trace));
    }

    @Override
    public void operation(String name, long nanos, int records) {
        monitors.forEach(m -> m.operation(name, nanos, records));
    }

    @Override
    public void embedding(int cacheHits, int cacheMisses) {
        monitors.forEach(m -> m.embedding(cacheHits, cacheMisses));
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (StoreMonitor m : monitors) {
            try {
                m.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
