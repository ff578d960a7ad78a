package dev.mnemo.core.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A store's feed of vector changes, which every process's in-memory index replays to stay in step
 * with the database. A position is an opaque, non-decreasing number chosen by the kind (SQLite: the
 * change log's sequence; PostgreSQL: a transaction-id horizon); an index saves the position it has
 * applied in its file.
 */
public interface ChangeFeed {

    /**
     * The position now: every change committed before it can be replayed, and a change that
     * commits later will be found after it, never before it.
     */
    long position(Connection c) throws SQLException;

    /**
     * True when changes can be replayed from {@code applied} although {@link #position} has not
     * moved past it: for a kind that hands committed changes to the index ahead of its position
     * (see {@link #replay}). The default, for a feed whose position moves with every commit, is false.
     */
    default boolean hasMore(Connection c, long applied) throws SQLException {
        return false;
    }

    /**
     * True when every change between the two positions is still in the feed (false: trimmed, or
     * the positions are from another history), so that replaying them brings an index from
     * {@code from} to {@code to}; otherwise the index is reconciled in full.
     */
    boolean canReplay(Connection c, long from, long to) throws SQLException;

    /**
     * Hands the changes after {@code from} up to {@code to} to {@code sink} in the order they
     * must be applied, at most {@code batch} at a time. Replaying a change twice is harmless. A
     * kind may also hand over changes beyond {@code to} that are already final; the index still
     * records {@code to} as its position.
     */
    void replay(Connection c, long from, long to, int batch, Consumer<List<VectorChange>> sink) throws SQLException;

    /**
     * Forgets changes an index saved at {@code savedPosition} no longer needs, keeping enough for
     * other processes that may be behind. Runs in a write transaction.
     */
    void trim(Connection c, long savedPosition) throws SQLException;
}
