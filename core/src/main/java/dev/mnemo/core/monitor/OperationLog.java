package dev.mnemo.core.monitor;

import dev.mnemo.core.internal.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private record Entry(String op, long at, long nanos, int records, String detail) {
    }

    private final Database database;
    private final int history;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Entry> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final ReentrantLock flushLock = new ReentrantLock();

    /** @param history timings kept per operation (at least 1) */
    public OperationLog(Database database, int history, Clock clock) {
        this.database = database;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void search(SearchTrace trace) {
        append(new Entry(SEARCH, clock.millis(), trace.totalNanos(), trace.hits(), trace.describePlan()));
    }

    @Override
    public void operation(String name, long nanos, int records) {
        append(new Entry(name, clock.millis(), nanos, records, null));
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
            for (String op : ops(c)) {
                long[] nanos = nanos(c, op);
                Arrays.sort(nanos);
                summaries.put(op, new OperationReport.Summary(nanos.length, millis(percentile(nanos, 0.50)),
                        millis(percentile(nanos, 0.99)), millis(nanos[nanos.length - 1])));
            }
            return new OperationReport(summaries, slowestSearches(c));
        });
    }

    /** Writes the buffered entries and trims each operation to its window. */
    public void flush() {
        if (buffer.isEmpty() || !flushLock.tryLock()) {
            return;
        }
        try {
            List<Entry> entries = new ArrayList<>();
            for (Entry e; (e = buffer.poll()) != null; ) {
                entries.add(e);
                buffered.decrementAndGet();
            }
            if (entries.isEmpty()) {
                return;
            }
            database.write("writing the operation log", c -> {
                insert(c, entries);
                trim(c, entries.stream().map(Entry::op).distinct().toList());
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

    private void append(Entry entry) {
        buffer.add(entry);
        if (buffered.incrementAndGet() >= FLUSH_EVERY) {
            flush();
        }
    }

    private void insert(Connection c, List<Entry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO operation_log (op, at, nanos, records, detail) VALUES (?, ?, ?, ?, ?)")) {
            for (Entry e : entries) {
                ps.setString(1, e.op());
                ps.setLong(2, e.at());
                ps.setLong(3, e.nanos());
                ps.setInt(4, e.records());
                ps.setString(5, e.detail());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void trim(Connection c, List<String> ops) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM operation_log WHERE op = ? AND seq <="
                + " (SELECT seq FROM operation_log WHERE op = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)")) {
            for (String op : ops) {
                ps.setString(1, op);
                ps.setString(2, op);
                ps.setInt(3, history);
                ps.executeUpdate();
            }
        }
    }

    private static List<String> ops(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT op FROM operation_log ORDER BY op");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long[] nanos(Connection c, String op) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT nanos FROM operation_log WHERE op = ?")) {
            ps.setString(1, op);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<OperationReport.Slow> slowestSearches(Connection c) throws SQLException {
        List<OperationReport.Slow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT at, nanos, detail FROM operation_log WHERE op = ?"
                + " ORDER BY nanos DESC LIMIT " + SLOWEST)) {
            ps.setString(1, SEARCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OperationReport.Slow(Instant.ofEpochMilli(rs.getLong(1)), millis(rs.getLong(2)),
                            rs.getString(3)));
                }
            }
        }
        return out;
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
