package dev.mnemo.core.monitor;

import dev.mnemo.core.spi.OperationLogSql;
import dev.mnemo.core.spi.OperationLogSql.Timing;
import dev.mnemo.core.spi.StoreDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Persists the last {@code history} timings of each operation in the store's own database
 * ({@code operation_log}), so that {@code mnemo stats} in a later process can show count, p50,
 * p99 and max per operation and the slowest recent searches with their plans.
 *
 * <p>Entries are buffered in memory and written in one transaction every {@value #FLUSH_EVERY}
 * entries, on {@link #report()} and on close, so the hot path never waits for a commit of its own.
 */
public final class OperationLog implements StoreMonitor {
    static final int FLUSH_EVERY = 64;
    private static final int SLOWEST = 5;

    private final StoreDatabase database;
    private final OperationLogSql table;
    private final int history;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Timing> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final ReentrantLock flushLock = new ReentrantLock();

    /** @param history timings kept per operation (at least 1) */
    public OperationLog(StoreDatabase database, int history, Clock clock) {
        this.database = database;
        this.table = database.operationLog();
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void search(SearchTrace trace) {
        append(new Timing(SEARCH, clock.millis(), trace.totalNanos(), trace.hits(), trace.describePlan()));
    }

    @Override
    public void operation(String name, long nanos, int records) {
        append(new Timing(name, clock.millis(), nanos, records, null));
    }

    @Override
    public void embedding(int cacheHits, int cacheMisses) {
        // counted by the cache itself; nothing to persist per call
    }

    /** Flushes, then summarises what the log holds. */
    public OperationReport report() {
        flush();
        return database.read("reading the operation log", c -> {
            Map<String, OperationReport.Summary> summaries = new LinkedHashMap<>();
            for (String op : table.operations(c)) {
                long[] nanos = table.nanos(c, op);
                Arrays.sort(nanos);
                summaries.put(op, new OperationReport.Summary(nanos.length, millis(percentile(nanos, 0.50)),
                        millis(percentile(nanos, 0.99)), millis(nanos[nanos.length - 1])));
            }
            List<OperationReport.Slow> slowest = new ArrayList<>();
            for (Timing t : table.slowest(c, SEARCH, SLOWEST)) {
                slowest.add(new OperationReport.Slow(Instant.ofEpochMilli(t.at()), millis(t.nanos()), t.detail()));
            }
            return new OperationReport(summaries, slowest);
        });
    }

    /** Writes the buffered entries and trims each operation to its window. */
    public void flush() {
        if (buffer.isEmpty() || !flushLock.tryLock()) {
            return;
        }
        try {
            List<Timing> entries = new ArrayList<>();
            for (Timing e; (e = buffer.poll()) != null; ) {
                entries.add(e);
                buffered.decrementAndGet();
            }
            if (entries.isEmpty()) {
                return;
            }
            database.write("writing the operation log", c -> {
                table.insert(c, entries);
                for (String op : entries.stream().map(Timing::op).distinct().toList()) {
                    table.trim(c, op, history);
                }
                return null;
            });
        } finally {
            flushLock.unlock();
        }
    }

    @Override
    public void close() {
        flush();
    }

    private void append(Timing entry) {
        buffer.add(entry);
        if (buffered.incrementAndGet() >= FLUSH_EVERY) {
            flush();
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
