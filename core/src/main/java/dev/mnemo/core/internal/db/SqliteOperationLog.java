package dev.mnemo.core.internal.db;

import dev.mnemo.core.spi.OperationLogSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code operation_log} of a SQLite store (schema migration 3). */
final class SqliteOperationLog implements OperationLogSql {
    @Override
    public void insert(Connection c, List<Timing> timings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO operation_log (op, at, nanos, records, detail) VALUES (?, ?, ?, ?, ?)")) {
            for (Timing t : timings) {
                ps.setString(1, t.op());
                ps.setLong(2, t.at());
                ps.setLong(3, t.nanos());
                ps.setInt(4, t.records());
                ps.setString(5, t.detail());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void trim(Connection c, String op, int keep) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM operation_log WHERE op = ? AND seq <="
                + " (SELECT seq FROM operation_log WHERE op = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)")) {
            ps.setString(1, op);
            ps.setString(2, op);
            ps.setInt(3, keep);
            ps.executeUpdate();
        }
    }

    @Override
    public List<String> operations(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT op FROM operation_log ORDER BY op");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public long[] nanos(Connection c, String op) throws SQLException {
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

    @Override
    public List<Timing> slowest(Connection c, String op, int limit) throws SQLException {
        List<Timing> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT at, nanos, records, detail FROM operation_log"
                + " WHERE op = ? ORDER BY nanos DESC LIMIT ?")) {
            ps.setString(1, op);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Timing(op, rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4)));
                }
            }
        }
        return out;
    }
}
