package dev.mnemo.core.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The table behind a store's persisted operation log ({@code mnemo.monitoring.history}): recent
 * timings per operation, trimmed to a window. Core's {@code OperationLog} buffers, trims and
 * summarises; a kind stores and reads.
 */
public interface OperationLogSql {

    /**
     * One timing.
     *
     * @param op      the operation, e.g. {@code search}
     * @param at      when it ran, epoch milliseconds
     * @param nanos   how long it took
     * @param records records it touched or hits it returned
     * @param detail  the plan of a search, or null
     */
    record Timing(String op, long at, long nanos, int records, String detail) {
    }

    void insert(Connection c, List<Timing> timings) throws SQLException;

    /** Keeps only the newest {@code keep} timings of the operation. */
    void trim(Connection c, String op, int keep) throws SQLException;

    /** The operations with timings, sorted. */
    List<String> operations(Connection c) throws SQLException;

    /** The durations of an operation's timings, in no particular order. */
    long[] nanos(Connection c, String op) throws SQLException;

    /** The slowest timings of an operation, slowest first. */
    List<Timing> slowest(Connection c, String op, int limit) throws SQLException;
}
