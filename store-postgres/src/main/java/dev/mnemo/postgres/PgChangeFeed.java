package dev.mnemo.postgres;

import dev.mnemo.core.spi.ChangeFeed;
import dev.mnemo.core.spi.VectorChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The change feed on PostgreSQL: the {@code vector_change} outbox, read by transaction id.
 *
 * <p>Triggers write a row per vector change in the writing transaction, stamped with that
 * transaction's id ({@code pg_current_xact_id()}). Sequence numbers cannot serve as positions here:
 * with several writers a row with a smaller sequence number may commit after one with a larger
 * number, and a reader that had moved past the larger number would skip it forever. So a position
 * is a transaction-id horizon: the {@code xmin} of a fresh snapshot ({@code pg_current_snapshot()}),
 * below which every transaction has committed or aborted. A reader at position {@code p} moving to
 * {@code q} reads the rows with {@code p <= tx < q}: all of them are final and visible, none can
 * appear later, and a transaction at or above {@code q} is read on a later move.
 *
 * <p>So that a long transaction (of any application on the server) does not hold every newer
 * change back, a replay also hands over the rows of transactions at or above {@code q} that have
 * committed already, and remembers their ids: they are skipped when the position passes them,
 * and {@link #hasMore} tells searches when such rows wait while the position stands still. That
 * memory is per process; after a restart those rows are replayed once more, which is harmless.
 *
 * <p>Trimming keeps the store's newest {@code retention} rows (and every row at or above the
 * position the trimming index saved) and records the horizon below which rows are gone in
 * {@code store_meta}; an index whose position is below it cannot replay and is reconciled in full.
 */
final class PgChangeFeed implements ChangeFeed {
    /** The store fact holding the transaction-id horizon below which rows were trimmed. */
    static final String TRIMMED_BELOW = "feed_trimmed_below";

    private final long storeId;
    private final long retention;
    /** Transactions at or above the index's position whose rows were handed over already. */
    private final Set<Long> appliedAhead = ConcurrentHashMap.newKeySet();

    /** @param retention rows of the store kept after a trim, for instances that are behind */
    PgChangeFeed(long storeId, long retention) {
        this.storeId = storeId;
        this.retention = retention;
    }

    @Override
    public long position(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** True when a transaction at or above the position committed rows that were not handed over yet. */
    @Override
    public boolean hasMore(Connection c, long applied) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM vector_change"
                + " WHERE store_id = ? AND tx >= ? AND tx <> ALL (?))")) {
            ps.setLong(1, storeId);
            ps.setLong(2, applied);
            ps.setArray(3, c.createArrayOf("bigint", appliedAhead.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** False when rows at or above {@code from} may have been trimmed. */
    @Override
    public boolean canReplay(Connection c, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT value FROM store_meta WHERE store_id = ? AND key = '" + TRIMMED_BELOW + "'")) {
            ps.setLong(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || from >= Long.parseLong(rs.getString(1));
            }
        }
    }

    /**
     * Streams the committed rows from {@code from} on (those below {@code to} and those of already
     * committed transactions above it) in transaction order, a transaction's own rows in the order
     * it wrote them, each with the record's vector as it is now, through a cursor so that a large
     * import is never held in memory at once. Transactions handed over ahead before are skipped.
     * Per record the order is that of its writers (a transaction can only change a record once the
     * previous writer committed), and a change is applied with the record's current vector, so the
     * index ends as the database is.
     */
    @Override
    public void replay(Connection c, long from, long to, int batch, Consumer<List<VectorChange>> sink)
            throws SQLException {
        Set<Long> skip = Set.copyOf(appliedAhead);
        Set<Long> ahead = new HashSet<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // the driver fetches in batches only inside a transaction
        try (PreparedStatement ps = c.prepareStatement("SELECT ch.tx, ch.record_id, ch.op, v.vector"
                + " FROM vector_change ch LEFT JOIN memory_vector v ON v.record_id = ch.record_id"
                + " WHERE ch.store_id = ? AND ch.tx >= ? ORDER BY ch.tx, ch.seq")) {
            ps.setFetchSize(batch);
            ps.setLong(1, storeId);
            ps.setLong(2, from);
            List<VectorChange> changes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long tx = rs.getLong(1);
                    if (skip.contains(tx)) {
                        continue;
                    }
                    if (tx >= to) {
                        ahead.add(tx);
                    }
                    byte[] vector = rs.getBytes(4);
                    changes.add(new VectorChange(rs.getLong(2), "add".equals(rs.getString(3)),
                            vector == null ? null : PgCodec.decode(vector)));
                    if (changes.size() == batch) {
                        sink.accept(changes);
                        changes = new ArrayList<>();
                    }
                }
            }
            if (!changes.isEmpty()) {
                sink.accept(changes);
            }
            c.commit();
            // only once all of it reached the index: a failed replay is repeated in full
            appliedAhead.removeIf(tx -> tx < to);
            appliedAhead.addAll(ahead);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Deletes the store's rows below the saved position except the newest {@code retention}, and
     * raises the trimmed horizon past the deleted rows (several instances may trim at once: the
     * horizon only grows).
     */
    @Override
    public void trim(Connection c, long savedPosition) throws SQLException {
        long horizon = -1;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM vector_change WHERE store_id = ? AND tx < ?"
                + " AND seq <= (SELECT seq FROM vector_change WHERE store_id = ? ORDER BY seq DESC OFFSET ? LIMIT 1)"
                + " RETURNING tx")) {
            ps.setLong(1, storeId);
            ps.setLong(2, savedPosition);
            ps.setLong(3, storeId);
            ps.setLong(4, retention);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    horizon = Math.max(horizon, rs.getLong(1) + 1);
                }
            }
        }
        if (horizon < 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_meta (store_id, key, value) VALUES (?, '"
                + TRIMMED_BELOW + "', ?) ON CONFLICT (store_id, key) DO UPDATE"
                + " SET value = GREATEST(store_meta.value::bigint, excluded.value::bigint)::text")) {
            ps.setLong(1, storeId);
            ps.setString(2, Long.toString(horizon));
            ps.executeUpdate();
        }
    }
}
