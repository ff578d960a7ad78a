package dev.mnemo.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.mnemo.api.ModelMismatchException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The keyspace's tables and indexes, created when missing, and the check that an existing
 * keyspace holds vectors of the model it is opened with.
 *
 * <ul>
 *   <li>{@code memory_record}: partition {@code store} (one per character or story), clustered by
 *       {@code id} newest first; the legacy columns (times as microseconds since the epoch, UTC,
 *       so nothing of the SQLite store's precision is lost) and {@code vector VECTOR<FLOAT, dim>},
 *       unit length; the metadata in {@code metadata} and {@code metadata_terms} (see
 *       {@link MetadataColumns}). SAI indexes on {@code vector} (dot product, which is the cosine
 *       on unit vectors), {@code record_type}, {@code timestamp} and {@code metadata_terms}.</li>
 *   <li>{@code store_meta}: one row ({@code scope = 'keyspace'}) with the embedding model, the
 *       dimension and metric, the schema version: model provenance for every store of the keyspace.</li>
 *   <li>{@code id_node}: leases on the 1,024 record id nodes ({@link NodeLease}).</li>
 * </ul>
 */
final class CassandraSchema {
    static final int VERSION = 1;
    static final String METRIC = "cosine";
    private static final String SIMILARITY_FUNCTION = "dot_product";
    /** DDL waits for schema agreement, which takes longer than a read on a busy node. */
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);
    private static final String METADATA_COLUMNS = "metadata map<text, text>, metadata_terms set<text>";
    private static final Pattern VECTOR_TYPE = Pattern.compile("vector<float,\\s*(\\d+)>");

    private CassandraSchema() {
    }

    /**
     * Creates what is missing, then verifies that the keyspace's vectors come from {@code model}
     * with {@code dimension}.
     *
     * @throws ModelMismatchException when the keyspace holds vectors of another model or dimension
     */
    static void ensure(CqlSession session, CassandraConfig config, String model, int dimension) {
        String ks = config.keyspace();
        ddl(session, "CREATE KEYSPACE IF NOT EXISTS " + ks + " WITH replication = " + cqlMap(config.replication()));
        // the existing table's vector type is the truth: check it before creating anything on it
        Integer existing = vectorDimension(session, ks);
        if (existing != null && existing != dimension) {
            throw new ModelMismatchException("keyspace " + ks + " holds vectors of dimension " + existing
                    + " (memory_record.vector is VECTOR<FLOAT, " + existing + ">), but model " + model + " makes "
                    + dimension + "; use another keyspace for this model");
        }
        ddl(session, "CREATE TABLE IF NOT EXISTS " + ks + ".store_meta (scope text PRIMARY KEY, embedding_model text,"
                + " dimension int, metric text, schema_version int, created_at timestamp)");
        checkMeta(session, ks, model, dimension);
        ddl(session, "CREATE TABLE IF NOT EXISTS " + ks + ".memory_record ("
                + "store text, id bigint, text text, user_message text, assistant_message text,"
                + " timestamp bigint, record_type text, vector_index bigint, similarity_score double,"
                + " created_at bigint, updated_at bigint, vector vector<float, " + dimension + ">,"
                + " " + METADATA_COLUMNS + ", PRIMARY KEY ((store), id)) WITH CLUSTERING ORDER BY (id DESC)");
        if (!hasColumn(session, ks, "metadata_terms")) {
            // a table of the first preview, before metadata
            ddl(session, "ALTER TABLE " + ks + ".memory_record ADD (" + METADATA_COLUMNS + ")");
        }
        ddl(session, "CREATE CUSTOM INDEX IF NOT EXISTS memory_record_vector ON " + ks + ".memory_record (vector)"
                + " USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': '" + SIMILARITY_FUNCTION + "'}");
        ddl(session, "CREATE CUSTOM INDEX IF NOT EXISTS memory_record_type ON " + ks + ".memory_record (record_type)"
                + " USING 'StorageAttachedIndex'");
        ddl(session, "CREATE CUSTOM INDEX IF NOT EXISTS memory_record_timestamp ON " + ks + ".memory_record (timestamp)"
                + " USING 'StorageAttachedIndex'");
        ddl(session, "CREATE CUSTOM INDEX IF NOT EXISTS memory_record_metadata ON " + ks
                + ".memory_record (metadata_terms) USING 'StorageAttachedIndex'");
        ddl(session, "CREATE TABLE IF NOT EXISTS " + ks + ".id_node (node int PRIMARY KEY, owner uuid)");
    }

    /** Records the keyspace's model on first open (Paxos: one opener wins), then compares. */
    private static void checkMeta(CqlSession session, String ks, String model, int dimension) {
        ResultSet rs = session.execute(SimpleStatement.newInstance("INSERT INTO " + ks + ".store_meta"
                        + " (scope, embedding_model, dimension, metric, schema_version, created_at)"
                        + " VALUES ('keyspace', ?, ?, ?, ?, ?) IF NOT EXISTS",
                model, dimension, METRIC, VERSION, Instant.now()).setTimeout(DDL_TIMEOUT));
        if (rs.wasApplied()) {
            return;
        }
        Row row = rs.one();
        String storedModel = row.getString("embedding_model");
        int storedDimension = row.getInt("dimension");
        if (!model.equals(storedModel) || storedDimension != dimension) {
            throw new ModelMismatchException("keyspace " + ks + " was built with embedding model " + storedModel
                    + " (" + storedDimension + " dimensions), not " + model + " (" + dimension
                    + "); vectors of two models never share a keyspace");
        }
        if (row.getInt("schema_version") > VERSION) {
            throw new ModelMismatchException("keyspace " + ks + " has schema version " + row.getInt("schema_version")
                    + ", newer than this Mnemo (" + VERSION + "); upgrade Mnemo");
        }
    }

    /** The dimension of an existing {@code memory_record.vector}, or null when the table is missing. */
    private static Integer vectorDimension(CqlSession session, String ks) {
        Row row = session.execute(SimpleStatement.newInstance("SELECT type FROM system_schema.columns"
                + " WHERE keyspace_name = ? AND table_name = 'memory_record' AND column_name = 'vector'", ks)).one();
        if (row == null) {
            return null;
        }
        Matcher m = VECTOR_TYPE.matcher(row.getString("type"));
        if (!m.find()) {
            throw new ModelMismatchException("keyspace " + ks + " has a memory_record.vector column of type "
                    + row.getString("type") + ", not a float vector; it was not made by Mnemo");
        }
        return Integer.parseInt(m.group(1));
    }

    private static boolean hasColumn(CqlSession session, String ks, String column) {
        return session.execute(SimpleStatement.newInstance("SELECT type FROM system_schema.columns"
                + " WHERE keyspace_name = ? AND table_name = 'memory_record' AND column_name = ?", ks, column))
                .one() != null;
    }

    private static void ddl(CqlSession session, String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT));
    }

    private static String cqlMap(Map<String, String> map) {
        // values are validated to [A-Za-z0-9_.] by CassandraConfig, so quoting cannot be escaped
        return new TreeMap<>(map).entrySet().stream()
                .map(e -> "'" + e.getKey() + "': '" + e.getValue() + "'")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
