package dev.mnemo.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
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
            + " similarity_score, created_at, updated_at";

    private final CqlSession session;
    private final String table;
    private final ConsistencyLevel writeConsistency;
    private final PreparedStatement insert;
    private final PreparedStatement get;
    private final PreparedStatement existing;
    private final PreparedStatement delete;

    RecordTable(CqlSession session, String keyspace, CassandraConfig.Consistency writeConsistency) {
        this.session = session;
        this.table = keyspace + ".memory_record";
        this.writeConsistency = DefaultConsistencyLevel.valueOf(writeConsistency.name());
        this.insert = session.prepare("INSERT INTO " + table + " (store, " + COLUMNS + ", vector)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");
        this.get = session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE store = ? AND id = ?");
        this.existing = session.prepare("SELECT id FROM " + table + " WHERE store = ? AND id IN ?");
        this.delete = session.prepare("DELETE FROM " + table + " WHERE store = ? AND id = ?");
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
        return insert.bind(store, id, draft.text(), draft.userMessage(), draft.assistantMessage(), micros(timestamp),
                draft.type().name(), null, null, nowMicros, nowMicros, vector(unitVector), ttlSeconds)
                .setConsistencyLevel(writeConsistency);
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
                instant(row.getLong(8)), instant(row.getLong(9)));
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
