package dev.mnemo.postgres;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.TimeBounds;
import dev.mnemo.core.spi.RecordSql;
import dev.mnemo.core.spi.TextAnalysis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A store's rows in the shared {@code memory_record}, {@code memory_vector} and
 * {@code record_metadata} tables, every statement restricted to the store's id. A record's keyword
 * terms are written in its row, in the same statement. Ids come from one sequence for all stores,
 * so they are never reused. Lists of ids travel as one array parameter ({@code = ANY (?)}).
 */
final class PgRecords implements RecordSql {
    private static final String COLUMNS = "r.id, r.character_name, r.text, r.user_message, r.assistant_message,"
            + " r.timestamp, r.record_type, r.vector_index, r.similarity_score, r.created_at, r.updated_at";

    private final long storeId;
    private final String characterName;
    private final TextAnalysis analysis;
    private final PgFilters filters;

    PgRecords(long storeId, String characterName, TextAnalysis analysis) {
        this.storeId = storeId;
        this.characterName = characterName;
        this.analysis = analysis;
        this.filters = new PgFilters(storeId);
    }

    @Override
    public MemoryRecord insert(Connection c, MemoryDraft draft, float[] vector, Long vectorIndex, Instant now)
            throws SQLException {
        Instant timestamp = draft.timestamp() == null ? now : draft.timestamp();
        String nowText = PgCodec.format(now);
        List<String> terms = analysis.terms(draft.text());
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memory_record (store_id, character_name, text,"
                + " user_message, assistant_message, timestamp, record_type, vector_index, created_at, updated_at,"
                + " keyword_terms, keyword_vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::tsvector) RETURNING id")) {
            ps.setLong(1, storeId);
            ps.setString(2, characterName);
            ps.setString(3, draft.text());
            ps.setString(4, draft.userMessage());
            ps.setString(5, draft.assistantMessage());
            ps.setString(6, PgCodec.format(timestamp));
            ps.setString(7, draft.type().name());
            setLong(ps, 8, vectorIndex);
            ps.setString(9, nowText);
            ps.setString(10, nowText);
            ps.setString(11, terms.isEmpty() ? null : String.join(" ", terms));
            ps.setString(12, PgCodec.tsvector(terms));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        insertVector(c, id, vector);
        insertMetadata(c, id, draft.metadata());
        Instant createdAt = PgCodec.parse(nowText);
        return new MemoryRecord(id, characterName, draft.text(), draft.userMessage(), draft.assistantMessage(),
                PgCodec.parse(PgCodec.format(timestamp)), draft.type(), vectorIndex, null, createdAt, createdAt,
                draft.metadata());
    }

    @Override
    public void insertCopy(Connection c, MemoryRecord r, float[] vector) throws SQLException {
        List<String> terms = analysis.terms(r.text());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memory_record (id, store_id, character_name, text,"
                + " user_message, assistant_message, timestamp, record_type, vector_index, similarity_score,"
                + " created_at, updated_at, keyword_terms, keyword_vector)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::tsvector)")) {
            ps.setLong(1, r.id());
            ps.setLong(2, storeId);
            ps.setString(3, characterName);
            ps.setString(4, r.text());
            ps.setString(5, r.userMessage());
            ps.setString(6, r.assistantMessage());
            ps.setString(7, PgCodec.format(r.timestamp()));
            ps.setString(8, r.type().name());
            setLong(ps, 9, r.vectorIndex());
            if (r.similarityScore() == null) {
                ps.setNull(10, Types.DOUBLE);
            } else {
                ps.setDouble(10, r.similarityScore());
            }
            ps.setString(11, PgCodec.format(r.createdAt()));
            ps.setString(12, PgCodec.format(r.updatedAt()));
            ps.setString(13, terms.isEmpty() ? null : String.join(" ", terms));
            ps.setString(14, PgCodec.tsvector(terms));
            ps.executeUpdate();
        }
        insertVector(c, r.id(), vector);
        insertMetadata(c, r.id(), r.metadata());
    }

    private void insertVector(Connection c, long id, float[] vector) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO memory_vector (record_id, store_id, vector) VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, storeId);
            ps.setBytes(3, PgCodec.encode(vector));
            ps.executeUpdate();
        }
    }

    private void insertMetadata(Connection c, long id, Map<String, Object> metadata) throws SQLException {
        if (metadata.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO record_metadata"
                + " (record_id, store_id, key, type, text_value, num_value) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, Object> e : metadata.entrySet()) {
                Object v = e.getValue();
                ps.setLong(1, id);
                ps.setLong(2, storeId);
                ps.setString(3, e.getKey());
                ps.setString(4, typeOf(v));
                if (v instanceof String s) {
                    ps.setString(5, s);
                    ps.setNull(6, Types.NUMERIC);
                } else {
                    ps.setNull(5, Types.VARCHAR);
                    PgFilters.bind(ps, 6, List.of(v));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String typeOf(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Long) {
            return "long";
        }
        return value instanceof Double ? "double" : "boolean";
    }

    @Override
    public boolean update(Connection c, long id, MemoryDraft draft, float[] vector, Instant now) throws SQLException {
        List<String> terms = analysis.terms(draft.text());
        try (PreparedStatement ps = c.prepareStatement("UPDATE memory_record SET text = ?, user_message = ?,"
                + " assistant_message = ?, timestamp = COALESCE(?, timestamp), record_type = ?, updated_at = ?,"
                + " keyword_terms = ?, keyword_vector = ?::tsvector WHERE id = ? AND store_id = ?")) {
            ps.setString(1, draft.text());
            ps.setString(2, draft.userMessage());
            ps.setString(3, draft.assistantMessage());
            ps.setString(4, draft.timestamp() == null ? null : PgCodec.format(draft.timestamp()));
            ps.setString(5, draft.type().name());
            ps.setString(6, PgCodec.format(now));
            ps.setString(7, terms.isEmpty() ? null : String.join(" ", terms));
            ps.setString(8, PgCodec.tsvector(terms));
            ps.setLong(9, id);
            ps.setLong(10, storeId);
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM record_metadata WHERE record_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        insertMetadata(c, id, draft.metadata());
        if (vector != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE memory_vector SET vector = ? WHERE record_id = ?")) {
                ps.setBytes(1, PgCodec.encode(vector));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        }
        return true;
    }

    @Override
    public int delete(Connection c, long[] ids) throws SQLException {
        if (ids.length == 0) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM memory_record WHERE store_id = ? AND id = ANY (?)")) {
            ps.setLong(1, storeId);
            ps.setArray(2, idArray(c, ids));
            return ps.executeUpdate();
        }
    }

    @Override
    public long[] idsBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM memory_record WHERE store_id = ? AND timestamp < ?")) {
            ps.setLong(1, storeId);
            ps.setString(2, PgCodec.format(TimeBounds.clamp(cutoff)));
            return longs(ps);
        }
    }

    @Override
    public void checkFilters(Connection c, SearchRequest request) throws SQLException {
        if (request.metadata() != null) {
            filters.check(c, request.metadata());
        }
    }

    @Override
    public long[] filteredIds(Connection c, SearchRequest request) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT r.id FROM memory_record r WHERE r.store_id = ?");
        List<Object> args = new ArrayList<>();
        filters.append(sql, args, request);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setLong(1, storeId);
            PgFilters.bind(ps, 2, args);
            return longs(ps);
        }
    }

    @Override
    public Map<Long, MemoryRecord> findAll(Connection c, long[] ids) throws SQLException {
        Map<Long, MemoryRecord> out = new HashMap<>(ids.length * 2);
        if (ids.length == 0) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM memory_record r WHERE r.store_id = ? AND r.id = ANY (?)")) {
            ps.setLong(1, storeId);
            ps.setArray(2, idArray(c, ids));
            for (MemoryRecord r : select(c, ps)) {
                out.put(r.id(), r);
            }
        }
        return out;
    }

    @Override
    public List<MemoryRecord> page(Connection c, long afterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM memory_record r WHERE r.store_id = ? AND r.id > ? ORDER BY r.id LIMIT ?")) {
            ps.setLong(1, storeId);
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            return select(c, ps);
        }
    }

    @Override
    public long countAfter(Connection c, long afterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM memory_record WHERE store_id = ? AND id > ?")) {
            ps.setLong(1, storeId);
            ps.setLong(2, afterId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public List<MemoryRecord> recent(Connection c, RecordType type, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM memory_record r"
                + " WHERE r.store_id = ? AND r.record_type = ? ORDER BY r.timestamp DESC, r.id DESC LIMIT ?")) {
            ps.setLong(1, storeId);
            ps.setString(2, type.name());
            ps.setInt(3, limit);
            return select(c, ps);
        }
    }

    @Override
    public Map<Long, float[]> vectors(Connection c, long[] ids) throws SQLException {
        Map<Long, float[]> out = new HashMap<>(ids.length * 2);
        if (ids.length == 0) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT record_id, vector FROM memory_vector WHERE store_id = ? AND record_id = ANY (?)")) {
            ps.setLong(1, storeId);
            ps.setArray(2, idArray(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), PgCodec.decode(rs.getBytes(2)));
                }
            }
        }
        return out;
    }

    @Override
    public long[] vectorIds(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT record_id FROM memory_vector WHERE store_id = ?")) {
            ps.setLong(1, storeId);
            return longs(ps);
        }
    }

    @Override
    public Map<String, Long> countsByType(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT record_type, COUNT(*) FROM memory_record"
                + " WHERE store_id = ? GROUP BY record_type ORDER BY record_type COLLATE \"C\"")) {
            ps.setLong(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    @Override
    public Instant[] timeRange(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(timestamp), MAX(timestamp) FROM memory_record WHERE store_id = ?")) {
            ps.setLong(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String min = rs.getString(1);
                String max = rs.getString(2);
                return new Instant[] {min == null ? null : PgCodec.parse(min), max == null ? null : PgCodec.parse(max)};
            }
        }
    }

    /** The rows a statement selects ({@link #COLUMNS}), in its order, with their metadata. */
    private List<MemoryRecord> select(Connection c, PreparedStatement ps) throws SQLException {
        List<MemoryRecord> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(map(rs));
            }
        }
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, Map<String, Object>> metadata = metadata(c, rows.stream().mapToLong(MemoryRecord::id).toArray());
        if (metadata.isEmpty()) {
            return rows;
        }
        List<MemoryRecord> out = new ArrayList<>(rows.size());
        for (MemoryRecord r : rows) {
            Map<String, Object> m = metadata.get(r.id());
            out.add(m == null ? r : r.withMetadata(m));
        }
        return out;
    }

    private static Map<Long, Map<String, Object>> metadata(Connection c, long[] ids) throws SQLException {
        Map<Long, Map<String, Object>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT record_id, key, type, text_value, num_value"
                + " FROM record_metadata WHERE record_id = ANY (?)")) {
            ps.setArray(1, idArray(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object value = switch (rs.getString(3)) {
                        case "string" -> rs.getString(4);
                        case "long" -> rs.getLong(5);
                        case "double" -> rs.getDouble(5);
                        default -> rs.getLong(5) != 0;
                    };
                    out.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), value);
                }
            }
        }
        return out;
    }

    private static MemoryRecord map(ResultSet rs) throws SQLException {
        long vectorIndex = rs.getLong(8);
        Long vi = rs.wasNull() ? null : vectorIndex;
        double similarity = rs.getDouble(9);
        Double sim = rs.wasNull() ? null : similarity;
        return new MemoryRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                PgCodec.parse(rs.getString(6)), new RecordType(rs.getString(7)), vi, sim,
                PgCodec.parse(rs.getString(10)), PgCodec.parse(rs.getString(11)));
    }

    static java.sql.Array idArray(Connection c, long[] ids) throws SQLException {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        return c.createArrayOf("bigint", boxed);
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    static long[] longs(PreparedStatement ps) throws SQLException {
        long[] out = new long[64];
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = rs.getLong(1);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
