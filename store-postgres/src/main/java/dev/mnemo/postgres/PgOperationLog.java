package dev.mnemo.postgres;

import dev.mnemo.core.spi.OperationLogSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A store's operation timings in the shared {@code operation_log} table (schema migration 2). */
final class PgOperationLog implements OperationLogSql {
    private final long storeId;

    PgOperationLog(long storeId) {
        this.storeId = storeId;
    }

    @Override
    public void insert(Connection c, List<Timing> timings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO operation_log"
                + " (store_id, op, at, nanos, records, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Timing t : timings) {
                ps.setLong(1, storeId);
                ps.setString(2, t.op());
                ps.setLong(3, t.at());
                ps.setLong(4, t.nanos());
                ps.setInt(5, t.records());
                ps.setString(6, t.detail());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void trim(Connection c, String op, int keep) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM operation_log WHERE store_id = ? AND op = ?"
                + " AND seq <= (SELECT seq FROM operation_log WHERE store_id = ? AND op = ?"
                + " ORDER BY seq DESC OFFSET ? LIMIT 1)")) {
            ps.setLong(1, storeId);
            ps.setString(2, op);
            ps.setLong(3, storeId);
            ps.setString(4, op);
            ps.setInt(5, keep);
            ps.executeUpdate();
        }
    }

    @Override
    public List<String> operations(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT op FROM operation_log WHERE store_id = ? GROUP BY op ORDER BY op COLLATE \"C\"")) {
            ps.setLong(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Override
    public long[] nanos(Connection c, String op) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT nanos FROM operation_log WHERE store_id = ? AND op = ?")) {
            ps.setLong(1, storeId);
            ps.setString(2, op);
            return PgRecords.longs(ps);
        }
    }

    @Override
    public List<Timing> slowest(Connection c, String op, int limit) throws SQLException {
        List<Timing> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT at, nanos, records, detail FROM operation_log"
                + " WHERE store_id = ? AND op = ? ORDER BY nanos DESC LIMIT ?")) {
            ps.setLong(1, storeId);
            ps.setString(2, op);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Timing(op, rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4)));
                }
            }
        }
        return out;
    }
}
