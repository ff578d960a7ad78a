package dev.mnemo.core.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code vector_change}, the trigger-maintained log of vector additions and deletions in
 * commit order. An index that knows the last sequence number it applied catches up by replaying
 * what came after.
 */
public final class ChangeLog {

    /**
     * One change with the vector as it is now ({@code null} once the record is gone).
     *
     * @param seq      position in the log
     * @param recordId the record
     * @param added    true for an addition, false for a deletion
     * @param vector   the current vector of the record, or {@code null}
     */
    public record Change(long seq, long recordId, boolean added, float[] vector) {
    }

    private ChangeLog() {
    }

    /** The newest sequence number ever issued (kept by AUTOINCREMENT even after truncation), 0 if none. */
    public static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'vector_change'), 0)");
             ResultSet rs = ps.executeQuery()) {
            return rs.getLong(1);
        }
    }

    /** The oldest sequence number still in the log, or 0 when empty. */
    public static long firstSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MIN(seq), 0) FROM vector_change");
             ResultSet rs = ps.executeQuery()) {
            return rs.getLong(1);
        }
    }

    /** Changes after {@code seq}, oldest first, at most {@code limit}. */
    public static List<Change> since(Connection c, long seq, int limit) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.seq, c.record_id, c.op, v.vector FROM vector_change c"
                + " LEFT JOIN memory_vector v ON v.record_id = c.record_id WHERE c.seq > ? ORDER BY c.seq LIMIT ?")) {
            ps.setLong(1, seq);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] blob = rs.getBytes(4);
                    out.add(new Change(rs.getLong(1), rs.getLong(2), "add".equals(rs.getString(3)),
                            blob == null ? null : VectorCodec.decode(blob)));
                }
            }
        }
        return out;
    }

    /** Forgets changes up to and including {@code seq} (an index saved at that checkpoint no longer needs them). */
    public static int truncate(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM vector_change WHERE seq <= ?")) {
            ps.setLong(1, seq);
            return ps.executeUpdate();
        }
    }
}
