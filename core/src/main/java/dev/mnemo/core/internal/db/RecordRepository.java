package dev.mnemo.core.internal.db;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.TimeBounds;
import dev.mnemo.api.SearchRequest;
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
import java.util.StringJoiner;

/**
 * Plain-JDBC access to {@code memory_record}, {@code memory_vector} and {@code record_metadata}.
 * Stateless: every method runs on the connection (and so the transaction) it is given, so a
 * record, its vector, its keyword row and its metadata are written together or not at all.
 */
public final class RecordRepository implements RecordSql {
    private static final String COLUMNS = "id, character_name, text, user_message, assistant_message, timestamp,"
            + " record_type, vector_index, similarity_score, created_at, updated_at";
    /**
     * SQLite's default limit on bound parameters is 32766; stay well below it. Queries by id write
     * {@code +character_name}: the unary plus keeps the planner on the rowid lookup instead of the
     * legacy (character_name, ...) indexes, which would scan every row of the store (10 ids among
     * 10,000 rows: 0.68 ms through the index, a few microseconds by rowid).
     */
    private static final int IN_CHUNK = 900;

    private final String characterName;
    private final KeywordTable keywords;

    /**
     * @param characterName the value of {@code character_name} for this store's rows
     */
    public RecordRepository(String characterName) {
        this.characterName = characterName;
        this.keywords = new KeywordTable(new TextAnalysis(), characterName);
    }

    /** The keyword table kept in step with the rows. */
    public KeywordTable keywords() {
        return keywords;
    }

    /** Inserts a row and its vector; returns the stored record. */
    @Override
    public MemoryRecord insert(Connection c, MemoryDraft draft, float[] vector, Long vectorIndex, Instant now)
            throws SQLException {
        Instant timestamp = draft.timestamp() == null ? now : draft.timestamp();
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memory_record (character_name, text, user_message,"
                + " assistant_message, timestamp, record_type, vector_index, similarity_score, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?) RETURNING id")) {
            ps.setString(1, characterName);
            ps.setString(2, draft.text());
            ps.setString(3, draft.userMessage());
            ps.setString(4, draft.assistantMessage());
            ps.setString(5, Timestamps.format(timestamp));
            ps.setString(6, draft.type().name());
            if (vectorIndex == null) {
                ps.setNull(7, Types.INTEGER);
            } else {
                ps.setLong(7, vectorIndex);
            }
            String nowText = Timestamps.format(now);
            ps.setString(8, nowText);
            ps.setString(9, nowText);
            // RETURNING: the pool turns sqlite-jdbc's generated keys off (a second statement per INSERT)
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        insertVector(c, id, vector);
        keywords.insert(c, id, draft.text()); // ids are never reused (AUTOINCREMENT): no row to replace
        MetadataTable.insert(c, id, draft.metadata());
        Instant createdAt = Timestamps.parse(Timestamps.format(now));
        return new MemoryRecord(id, characterName, draft.text(), draft.userMessage(), draft.assistantMessage(),
                Timestamps.parse(Timestamps.format(timestamp)), draft.type(), vectorIndex, null, createdAt, createdAt,
                draft.metadata());
    }

    /** Copies a stored record with a new vector, keeping its id, times, legacy columns and metadata (re-embedding). */
    @Override
    public void insertCopy(Connection c, MemoryRecord r, float[] vector) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memory_record (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, r.id());
            ps.setString(2, characterName);
            ps.setString(3, r.text());
            ps.setString(4, r.userMessage());
            ps.setString(5, r.assistantMessage());
            ps.setString(6, Timestamps.format(r.timestamp()));
            ps.setString(7, r.type().name());
            if (r.vectorIndex() == null) {
                ps.setNull(8, Types.INTEGER);
            } else {
                ps.setLong(8, r.vectorIndex());
            }
            if (r.similarityScore() == null) {
                ps.setNull(9, Types.REAL);
            } else {
                ps.setDouble(9, r.similarityScore());
            }
            ps.setString(10, Timestamps.format(r.createdAt()));
            ps.setString(11, Timestamps.format(r.updatedAt()));
            ps.executeUpdate();
        }
        insertVector(c, r.id(), vector);
        keywords.put(c, r.id(), r.text());
        MetadataTable.insert(c, r.id(), r.metadata());
    }

    private static void insertVector(Connection c, long id, float[] vector) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memory_vector (record_id, vector) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setBytes(2, VectorCodec.encode(vector));
            ps.executeUpdate();
        }
    }

    /** Up to {@code limit} records with ids above {@code afterId}, in id order (for scans of the whole store). */
    @Override
    public List<MemoryRecord> page(Connection c, long afterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM memory_record"
                + " WHERE character_name = ? AND id > ? ORDER BY id LIMIT ?")) {
            ps.setString(1, characterName);
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            return select(c, ps);
        }
    }

    /** Replaces the content of a row and its metadata (and its vector when given); false when the id is absent. */
    @Override
    public boolean update(Connection c, long id, MemoryDraft draft, float[] vector, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE memory_record SET text = ?, user_message = ?,"
                + " assistant_message = ?, timestamp = COALESCE(?, timestamp), record_type = ?, updated_at = ?"
                + " WHERE id = ? AND character_name = ?")) {
            ps.setString(1, draft.text());
            ps.setString(2, draft.userMessage());
            ps.setString(3, draft.assistantMessage());
            ps.setString(4, draft.timestamp() == null ? null : Timestamps.format(draft.timestamp()));
            ps.setString(5, draft.type().name());
            ps.setString(6, Timestamps.format(now));
            ps.setLong(7, id);
            ps.setString(8, characterName);
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        keywords.put(c, id, draft.text());
        MetadataTable.replace(c, id, draft.metadata());
        if (vector != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE memory_vector SET vector = ? WHERE record_id = ?")) {
                ps.setBytes(1, VectorCodec.encode(vector));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        }
        return true;
    }

    /** Deletes rows (their vectors and metadata go by cascade); returns how many existed. */
    @Override
    public int delete(Connection c, long[] ids) throws SQLException {
        int deleted = 0;
        for (int from = 0; from < ids.length; from += IN_CHUNK) {
            int to = Math.min(ids.length, from + IN_CHUNK);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM memory_record WHERE +character_name = ? AND id IN ("
                    + placeholders(to - from) + ")")) {
                ps.setString(1, characterName);
                for (int i = from; i < to; i++) {
                    ps.setLong(2 + i - from, ids[i]);
                }
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    /** Ids of rows whose timestamp is before the cutoff. */
    @Override
    public long[] idsBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM memory_record WHERE character_name = ? AND timestamp < ?")) {
            ps.setString(1, characterName);
            ps.setString(2, Timestamps.format(TimeBounds.clamp(cutoff)));
            return longs(ps);
        }
    }

    /**
     * Ids matching a search's filters: types and time range through the legacy indexes, metadata
     * as a set of ids from {@code record_metadata}'s indexes. The two are intersected in SQL; a
     * metadata-only filter skips {@code memory_record} when the file holds no other character's
     * rows, since looking up every matching row there would cost more than the filter itself.
     */
    @Override
    public void checkFilters(Connection c, SearchRequest request) throws SQLException {
        RecordFilters.resolve(c, request);
    }

    @Override
    public long[] filteredIds(Connection c, SearchRequest request) throws SQLException {
        RecordFilters filters = RecordFilters.unchecked(request);
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        boolean recordConditions = !filters.hasMetadata() || filters.hasRecordConditions() || holdsOtherCharacters(c);
        if (recordConditions) {
            sql.append("SELECT id FROM memory_record WHERE character_name = ?");
            args.add(characterName);
            filters.appendRecordConditions(sql, args, "");
        }
        if (filters.hasMetadata()) {
            sql.append(recordConditions ? " INTERSECT SELECT * FROM (" : "SELECT * FROM (");
            filters.appendMetadataIdSet(sql, args);
            sql.append(')');
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            RecordFilters.bind(ps, 1, args);
            return longs(ps);
        }
    }

    /** True when the file has rows of another character than this store's (legacy files may). */
    private boolean holdsOtherCharacters(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM memory_record WHERE character_name < ? OR character_name > ? LIMIT 1")) {
            ps.setString(1, characterName);
            ps.setString(2, characterName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public long countAfter(Connection c, long afterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM memory_record WHERE id > ?")) {
            ps.setLong(1, afterId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.getLong(1);
            }
        }
    }

    /** Rows by id in one query per {@value #IN_CHUNK} ids; absent ids are simply missing from the map. */
    @Override
    public Map<Long, MemoryRecord> findAll(Connection c, long[] ids) throws SQLException {
        Map<Long, MemoryRecord> out = new HashMap<>(ids.length * 2);
        for (int from = 0; from < ids.length; from += IN_CHUNK) {
            int to = Math.min(ids.length, from + IN_CHUNK);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM memory_record WHERE +character_name = ? AND id IN (" + placeholders(to - from) + ")")) {
                ps.setString(1, characterName);
                for (int i = from; i < to; i++) {
                    ps.setLong(2 + i - from, ids[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        MemoryRecord r = map(rs);
                        out.put(r.id(), r);
                    }
                }
            }
        }
        if (!out.isEmpty()) {
            MetadataTable.load(c, ids).forEach((id, m) -> out.computeIfPresent(id, (k, r) -> r.withMetadata(m)));
        }
        return out;
    }

    /** The rows a statement selects ({@link #COLUMNS}), in its order, with their metadata. */
    private static List<MemoryRecord> select(Connection c, PreparedStatement ps) throws SQLException {
        List<MemoryRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return withMetadata(c, out);
    }

    /** The records with their metadata, in the same order. */
    private static List<MemoryRecord> withMetadata(Connection c, List<MemoryRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return records;
        }
        Map<Long, Map<String, Object>> metadata = MetadataTable.load(c,
                records.stream().mapToLong(MemoryRecord::id).toArray());
        if (metadata.isEmpty()) {
            return records;
        }
        List<MemoryRecord> out = new ArrayList<>(records.size());
        for (MemoryRecord r : records) {
            Map<String, Object> m = metadata.get(r.id());
            out.add(m == null ? r : r.withMetadata(m));
        }
        return out;
    }

    /** The newest records of the given type, newest first. */
    @Override
    public List<MemoryRecord> recent(Connection c, RecordType type, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM memory_record"
                + " WHERE character_name = ? AND record_type = ? ORDER BY timestamp DESC, id DESC LIMIT ?")) {
            ps.setString(1, characterName);
            ps.setString(2, type.name());
            ps.setInt(3, limit);
            return select(c, ps);
        }
    }

    /** Vectors of the given ids (absent ids are missing from the map). */
    @Override
    public Map<Long, float[]> vectors(Connection c, long[] ids) throws SQLException {
        Map<Long, float[]> out = new HashMap<>(ids.length * 2);
        for (int from = 0; from < ids.length; from += IN_CHUNK) {
            int to = Math.min(ids.length, from + IN_CHUNK);
            try (PreparedStatement ps = c.prepareStatement("SELECT record_id, vector FROM memory_vector WHERE record_id IN ("
                    + placeholders(to - from) + ")")) {
                for (int i = from; i < to; i++) {
                    ps.setLong(1 + i - from, ids[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), VectorCodec.decode(rs.getBytes(2)));
                    }
                }
            }
        }
        return out;
    }

    /** Every record id that has a vector. */
    @Override
    public long[] vectorIds(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT record_id FROM memory_vector")) {
            return longs(ps);
        }
    }

    /** Counts per record type. */
    @Override
    public Map<String, Long> countsByType(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT record_type, COUNT(*) FROM memory_record"
                + " WHERE character_name = ? GROUP BY record_type ORDER BY record_type")) {
            ps.setString(1, characterName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Earliest and latest timestamp, or nulls when empty. */
    @Override
    public Instant[] timeRange(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(timestamp), MAX(timestamp) FROM memory_record WHERE character_name = ?")) {
            ps.setString(1, characterName);
            try (ResultSet rs = ps.executeQuery()) {
                String min = rs.getString(1);
                String max = rs.getString(2);
                return new Instant[] {min == null ? null : Timestamps.parse(min), max == null ? null : Timestamps.parse(max)};
            }
        }
    }

    private static MemoryRecord map(ResultSet rs) throws SQLException {
        long vectorIndex = rs.getLong(8);
        Long vi = rs.wasNull() ? null : vectorIndex;
        double similarity = rs.getDouble(9);
        Double sim = rs.wasNull() ? null : similarity;
        return new MemoryRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Timestamps.parse(rs.getString(6)), new RecordType(rs.getString(7)), vi, sim,
                Timestamps.parse(rs.getString(10)), Timestamps.parse(rs.getString(11)));
    }

    private static long[] longs(PreparedStatement ps) throws SQLException {
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

    private static String placeholders(int n) {
        StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < n; i++) {
            j.add("?");
        }
        return j.toString();
    }
}
