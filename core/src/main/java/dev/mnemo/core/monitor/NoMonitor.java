package dev.mnemo.core.monitor;

/** The monitor of a store with monitoring off: does nothing. */
enum NoMonitor implements StoreMonitor {
    INSTANCE;

    @Override
    public void search(SearchTrace trace) {
    }

    @Override
    public void operation(String name, long nanos, int records) {
    }

    @Override
    public void embedding(int cacheHits, int cacheMisses) {
    }

    @Override
    public boolean enabled() {
        return false;
    }
}
