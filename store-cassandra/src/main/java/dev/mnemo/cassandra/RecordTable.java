package dev.mnemo.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlVector;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code memory_record} table's statements and row mapping, shared by every store of a
 * keyspace. Thread-safe (prepared statements are).
 */
final class RecordTable {
    /** Every column but the vector, in the order {@link #record} reads them. */
    static final String COLUMNS = "id, text, user_message, assistant_message, timestamp, record_type, vector_index,"
            + " similarity_score, created_at, updated_at, metadata";
    /** Where {@link #getWithTtl} puts the record's remaining time to live. */
    static final int TTL_COLUMN = 11;
    private static final String UPDATE_SET = "text = ?, user_message = ?, assistant_message = ?, timestamp = ?,"
            + " record_type = ?, updated_at = ?, metadata = ?, metadata_terms = ?";

    private final CqlSession session;
    private final String table;
    private final ConsistencyLevel writeConsistency;
    private final PreparedStatement insert;
    private final PreparedStatement get;
    private final PreparedStatement existing;
    private final PreparedStatement delete;
    private final PreparedStatement getWithTtl;
    private final PreparedStatement update;
    private final PreparedStatement updateWithVector;

    RecordTable(CqlSession session, String keyspace, CassandraConfig.Consistency writeConsistency) {
        this.session = session;
        this.table = keyspace + ".memory_record";
        this.writeConsistency = DefaultConsistencyLevel.valueOf(writeConsistency.name());
        this.insert = session.prepare("INSERT INTO " + table + " (store, " + COLUMNS + ", vector, metadata_terms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");
        this.get = session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE store = ? AND id = ?");
        this.existing = session.prepare("SELECT id FROM " + table + " WHERE store = ? AND id IN ?");
        this.delete = session.prepare("DELETE FROM " + table + " WHERE store = ? AND id = ?");
        this.getWithTtl = session.prepare("SELECT " + COLUMNS + ", TTL(text) FROM " + table
                + " WHERE store = ? AND id = ?");
        // IF EXISTS: an update must not bring back a record deleted since it was read
        this.update = session.prepare("UPDATE " + table + " USING TTL ? SET " + UPDATE_SET
                + " WHERE store = ? AND id = ? IF EXISTS");
        this.updateWithVector = session.prepare("UPDATE " + table + " USING TTL ? SET " + UPDATE_SET
                + ", vector = ? WHERE store = ? AND id = ? IF EXISTS");
    }

    String table() {
        return table;
    }

    ConsistencyLevel writeConsistency() {
        return writeConsistency;
    }

    /** The insert of a new record; {@code ttlSeconds} 0 keeps it until deleted. */
    BoundStatement insert(String store, long id, MemoryDraft draft, Instant timestamp, float[] unitVector,
                          Instant now, int ttlSeconds) {
        long nowMicros = micros(now);
        BoundStatementBuilder b = insert.boundStatementBuilder()
                .setString(0, store).setLong(1, id).setString(2, draft.text()).setString(3, draft.userMessage())
                .setString(4, draft.assistantMessage()).setLong(5, micros(timestamp)).setString(6, draft.type().name())
                .setToNull(7).setToNull(8).setLong(9, nowMicros).setLong(10, nowMicros)
                .setVector(12, vector(unitVector), Float.class).setInt(14, ttlSeconds);
        if (!draft.metadata().isEmpty()) {
            // left unset without metadata: an empty collection would still write a tombstone
            b.setMap(11, MetadataColumns.encode(draft.metadata()), String.class, String.class)
                    .setSet(13, MetadataColumns.terms(draft.metadata()), String.class);
        }
        return b.setConsistencyLevel(writeConsistency).build();
    }

    /** Reads a record with the seconds its cells have left to live (0: no TTL). */
    BoundStatement getWithTtl(String store, long id) {
        return getWithTtl.bind(store, id);
    }

    /**
     * Replaces a record's content and metadata, and its vector when {@code unitVector} is not null;
     * applied only if the record still exists. {@code ttlSeconds} keeps the record's expiry.
     */
    BoundStatement update(String store, long id, MemoryDraft draft, Instant timestamp, float[] unitVector,
                          Instant now, int ttlSeconds) {
        BoundStatementBuilder b = (unitVector == null ? update : updateWithVector).boundStatementBuilder()
                .setInt(0, ttlSeconds).setString(1, draft.text()).setString(2, draft.userMessage())
                .setString(3, draft.assistantMessage()).setLong(4, micros(timestamp))
                .setString(5, draft.type().name()).setLong(6, micros(now))
                .setMap(7, MetadataColumns.encode(draft.metadata()), String.class, String.class)
                .setSet(8, MetadataColumns.terms(draft.metadata()), String.class);
        int next = 9;
        if (unitVector != null) {
            b.setVector(next++, vector(unitVector), Float.class);
        }
        return b.setString(next, store).setLong(next + 1, id).setConsistencyLevel(writeConsistency).build();
    }

    BoundStatement get(String store, long id) {
        return get.bind(store, id);
    }

    BoundStatement existing(String store, List<Long> ids) {
        return existing.bind(store, ids);
    }

    BoundStatement delete(String store, long id) {
        return delete.bind(store, id).setConsistencyLevel(writeConsistency);
    }

    /** A row selected with {@link #COLUMNS} as a record of {@code store}. */
    static MemoryRecord record(String store, Row row) {
        return new MemoryRecord(row.getLong(0), store, row.getString(1), row.getString(2), row.getString(3),
                instant(row.getLong(4)), new RecordType(row.getString(5)),
                row.isNull(6) ? null : row.getLong(6), row.isNull(7) ? null : row.getDouble(7),
                instant(row.getLong(8)), instant(row.getLong(9)),
                MetadataColumns.decode(row.getMap(10, String.class, String.class)));
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    static CqlVector<Float> vector(float[] v) {
        List<Float> boxed = new ArrayList<>(v.length);
        for (float f : v) {
            boxed.add(f);
        }
        return CqlVector.newInstance(boxed);
    }

    static float[] floats(CqlVector<Float> v) {
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }
}
