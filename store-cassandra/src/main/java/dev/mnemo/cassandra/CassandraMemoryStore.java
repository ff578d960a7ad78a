package dev.mnemo.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MemoryStats;
import dev.mnemo.api.RecordNotFoundException;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.vector.Vectors;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The memory of one character or story: one partition of the keyspace's {@code memory_record}
 * table. Mirrors the SQLite store's record operations, metadata and metadata filters included;
 * Cassandra is the index (SAI), so there is nothing to rebuild or verify.
 *
 * <p>Writes check every draft (text, metadata limits) and embed first, so bad input or a failed
 * embedding writes nothing. Then they insert in single-partition batches of up to
 * {@value #BATCH_BYTES} bytes. Cassandra applies each such batch atomically and in isolation (one
 * partition, one mutation; logged or not makes no difference there), but nothing spans two of
 * them: a large {@link #addAll} is several batches, and a storage failure part-way leaves the
 * earlier batches written while the call fails, so their ids are never returned and a retry writes
 * those records again under new ids. Callers that need all-or-nothing keep each {@code addAll}
 * under the batch size. The batches stay small although Cassandra's batch size limit does not
 * apply to one partition: SAI indexes every vector on the write path, so a large batch outlasts the
 * server's write timeout and fails, perhaps after being applied. A failed write (a timeout) may
 * have been applied; an acknowledged one is durable at the write consistency. A deleted record is
 * never returned (Cassandra's tombstones hide it from reads and from the vector index alike).
 *
 * <p>Thread-safe. Obtained from {@link CassandraMemory}, which owns it.
 */
public final class CassandraMemoryStore {
    static final int BATCH_BYTES = 40 * 1024;
    private static final int IDS_PER_STATEMENT = 500;
    private static final int PAGE_SIZE = 5000;

    private final String name;
    private final CassandraMemory memory;
    private final CqlSession session;
    private final RecordTable table;
    private final EmbeddingModel model;
    private volatile boolean closed;

    CassandraMemoryStore(String name, CassandraMemory memory) {
        this.name = name;
        this.memory = memory;
        this.session = memory.session();
        this.table = memory.table();
        this.model = memory.model();
    }

    /** The character or story name: the partition key. */
    public String name() {
        return name;
    }

    /** Stores a conversation turn; {@code timestamp} null means now. */
    public MemoryRecord addConversation(String user, String assistant, Instant timestamp) {
        return add(MemoryDraft.conversation(user, assistant, timestamp));
    }

    /** Stores one record of any type. */
    public MemoryRecord add(MemoryDraft draft) {
        return addAll(List.of(draft)).get(0);
    }

    /** Stores records, embedding their texts in one call first. */
    public List<MemoryRecord> addAll(List<MemoryDraft> drafts) {
        ensureOpen();
        drafts.forEach(this::checkDraft);
        if (drafts.isEmpty()) {
            return List.of();
        }
        List<float[]> vectors = model.embed(drafts.stream().map(MemoryDraft::text).toList());
        if (vectors.size() != drafts.size()) {
            throw new InvalidInputException("model " + model.name() + " returned " + vectors.size()
                    + " vectors for " + drafts.size() + " texts");
        }
        return insert(drafts, unitVectors(vectors, "embedding %d from " + model.name()));
    }

    /** Stores records with precomputed vectors, which must come from this store's model. */
    public List<MemoryRecord> addAllWithVectors(List<MemoryDraft> drafts, List<float[]> vectors) {
        ensureOpen();
        if (drafts.size() != vectors.size()) {
            throw new InvalidInputException(drafts.size() + " records but " + vectors.size() + " vectors");
        }
        drafts.forEach(this::checkDraft);
        List<float[]> unit = unitVectors(vectors, "vector of record %d of the batch");
        return drafts.isEmpty() ? List.of() : insert(drafts, unit);
    }

    private List<MemoryRecord> insert(List<MemoryDraft> drafts, List<float[]> unitVectors) {
        // the table keeps microseconds: what add returns must equal what get reads
        Instant now = memory.clock().instant().truncatedTo(ChronoUnit.MICROS);
        int ttl = ttlSeconds();
        List<MemoryRecord> out = new ArrayList<>(drafts.size());
        List<BoundStatement> batch = new ArrayList<>();
        int batchBytes = 0;
        for (int i = 0; i < drafts.size(); i++) {
            MemoryDraft d = drafts.get(i);
            long id = memory.nextId();
            Instant timestamp = d.timestamp() == null ? now : d.timestamp();
            int bytes = estimatedBytes(d, unitVectors.get(i));
            if (!batch.isEmpty() && batchBytes + bytes > BATCH_BYTES) {
                write(batch);
                batch.clear();
                batchBytes = 0;
            }
            batch.add(table.insert(name, id, d, timestamp, unitVectors.get(i), now, ttl));
            batchBytes += bytes;
            out.add(new MemoryRecord(id, name, d.text(), d.userMessage(), d.assistantMessage(), timestamp, d.type(),
                    null, null, now, now, d.metadata()));
        }
        write(batch);
        return out;
    }

    private void write(List<BoundStatement> statements) {
        // one statement alone is not a batch, so Cassandra's batch size limit does not apply to it
        Cql.call("adding " + statements.size() + " record(s) to '" + name + "'", () -> statements.size() == 1
                ? session.execute(statements.get(0))
                : session.execute(BatchStatement.newInstance(BatchType.UNLOGGED, statements.toArray(new BoundStatement[0]))
                        .setConsistencyLevel(table.writeConsistency())));
    }

    /** The record with this id, if present. */
    public Optional<MemoryRecord> get(long id) {
        ensureOpen();
        Row row = Cql.call("reading record " + id, () -> session.execute(table.get(name, id)).one());
        return Optional.ofNullable(row).map(r -> RecordTable.record(name, r));
    }

    /** Deletes a record; false when it did not exist. */
    public boolean delete(long id) {
        return delete(new long[] {id}) == 1;
    }

    /** Deletes records; returns how many existed. */
    public int delete(long[] ids) {
        ensureOpen();
        long[] distinct = Arrays.stream(ids).distinct().toArray();
        int deleted = 0;
        for (int from = 0; from < distinct.length; from += IDS_PER_STATEMENT) {
            List<Long> chunk = Arrays.stream(distinct, from, Math.min(distinct.length, from + IDS_PER_STATEMENT))
                    .boxed().toList();
            List<Long> present = new ArrayList<>();
            Cql.call("finding records to delete", () -> session.execute(table.existing(name, chunk)))
                    .forEach(r -> present.add(r.getLong(0)));
            deleteIds(present);
            deleted += present.size();
        }
        return deleted;
    }

    /**
     * Deletes records whose timestamp is older than {@code days} days (found through the SAI index
     * on {@code timestamp}).
     *
     * @return how many records were deleted
     */
    public int deleteOlderThan(int days) {
        if (days < 0) {
            throw new InvalidInputException("days must not be negative, got " + days);
        }
        ensureOpen();
        long cutoff = RecordTable.micros(memory.clock().instant().minus(Duration.ofDays(days)));
        List<Long> old = new ArrayList<>();
        Cql.call("finding records older than " + days + " days", () -> session.execute(SimpleStatement
                        .newInstance("SELECT id FROM " + table.table() + " WHERE store = ? AND timestamp < ?", name, cutoff)
                        .setPageSize(PAGE_SIZE)))
                .forEach(r -> old.add(r.getLong(0)));
        for (int from = 0; from < old.size(); from += IDS_PER_STATEMENT) {
            deleteIds(old.subList(from, Math.min(old.size(), from + IDS_PER_STATEMENT)));
        }
        return old.size();
    }

    private void deleteIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Cql.call("deleting " + ids.size() + " record(s) from '" + name + "'", () -> session.execute(SimpleStatement
                .newInstance("DELETE FROM " + table.table() + " WHERE store = ? AND id IN ?", name, List.copyOf(ids))
                .setConsistencyLevel(table.writeConsistency())));
    }

    /** The newest conversation records (by timestamp), newest first. Reads every conversation of the store. */
    public List<MemoryRecord> recentConversations(int limit) {
        if (limit < 1 || limit > SearchRequest.MAX_K) {
            throw new InvalidInputException("limit must be between 1 and " + SearchRequest.MAX_K + ", got " + limit);
        }
        ensureOpen();
        Comparator<MemoryRecord> newestFirst = Comparator.comparing(MemoryRecord::timestamp)
                .thenComparingLong(MemoryRecord::id).reversed();
        PriorityQueue<MemoryRecord> top = new PriorityQueue<>(newestFirst.reversed());
        ResultSet rs = Cql.call("reading recent conversations", () -> session.execute(SimpleStatement.newInstance(
                        "SELECT " + RecordTable.COLUMNS + " FROM " + table.table() + " WHERE store = ? AND record_type = ?",
                        name, RecordType.CONVERSATION.name()).setPageSize(PAGE_SIZE)));
        for (Row row : rs) {
            top.add(RecordTable.record(name, row));
            if (top.size() > limit) {
                top.poll();
            }
        }
        List<MemoryRecord> out = new ArrayList<>(top);
        out.sort(newestFirst);
        return out;
    }

    /**
     * Searches by the meaning of a text (embedded with the store's model); see
     * {@link #search(float[], SearchRequest)}.
     */
    public List<MemoryHit> search(String query, SearchRequest request) {
        ensureOpen();
        checkText("query", query);
        // refuse an impossible k or a bad filter before paying for the embedding
        VectorSearch.candidates(request);
        MetadataPlan plan = plan(request);
        return run(unit(model.embedQueries(List.of(query)).get(0), "embedding of the query"), request, plan);
    }

    /**
     * Searches by a vector of this store's model: an ANN query inside the partition with the type,
     * time and metadata filters in the same CQL as far as SAI can express them, the rest of the
     * metadata filter client-side (see {@link VectorSearch}), then the threshold and ranking
     * documented on {@link SearchRequest}. {@code k} hits come back whenever {@code k} records match.
     *
     * @throws InvalidInputException when {@code k} needs more than Cassandra's ANN limit of 1,000
     *                               candidates, or the metadata filter compares a key with a value
     *                               of another kind than the store holds under it
     */
    public List<MemoryHit> search(float[] query, SearchRequest request) {
        ensureOpen();
        float[] unit = unit(query, "query vector");
        VectorSearch.candidates(request);
        return run(unit, request, plan(request));
    }

    private List<MemoryHit> run(float[] unitQuery, SearchRequest request, MetadataPlan plan) {
        return VectorSearch.run(session, table.table(), name, unitQuery, request, plan, memory.clock().instant());
    }

    /** The filter's plan after checking its kinds against the values stored under its keys; null without a filter. */
    private MetadataPlan plan(SearchRequest request) {
        if (request.metadata() == null) {
            return null;
        }
        MetadataPlan plan = MetadataPlan.of(request.metadata());
        StoredKinds.check(session, table.table(), name, plan.kinds());
        return plan;
    }

    /**
     * Replaces a record's text, type, messages and metadata with the draft's (its timestamp too,
     * unless the draft's is null), re-embedding the text when it changed; the id, creation time and
     * time to live stay. Applied only if the record still exists (a lightweight transaction), so an
     * update never brings back a deleted record.
     *
     * @return the record as stored now
     * @throws RecordNotFoundException when there is no such record
     */
    public MemoryRecord update(long id, MemoryDraft draft) {
        ensureOpen();
        checkDraft(draft);
        Row row = Cql.call("reading record " + id, () -> session.execute(table.getWithTtl(name, id)).one());
        if (row == null) {
            throw new RecordNotFoundException(id);
        }
        MemoryRecord current = RecordTable.record(name, row);
        int ttl = row.isNull(RecordTable.TTL_COLUMN) ? 0 : row.getInt(RecordTable.TTL_COLUMN);
        float[] vector = current.text().equals(draft.text()) ? null
                : unit(model.embed(List.of(draft.text())).get(0), "embedding from " + model.name());
        Instant timestamp = draft.timestamp() == null ? current.timestamp() : draft.timestamp();
        Instant now = memory.clock().instant().truncatedTo(ChronoUnit.MICROS);
        boolean applied = Cql.call("updating record " + id, () -> session.execute(
                table.update(name, id, draft, timestamp, vector, now, ttl)).wasApplied());
        if (!applied) {
            throw new RecordNotFoundException(id);
        }
        return new MemoryRecord(id, name, draft.text(), draft.userMessage(), draft.assistantMessage(), timestamp,
                draft.type(), current.vectorIndex(), current.similarityScore(), current.createdAt(), now,
                draft.metadata());
    }

    /**
     * Counts by type and the time range, from one pass over the partition's types and timestamps.
     * {@code databasePath} is null and sizes 0: the data lives in the cluster.
     */
    public MemoryStats stats() {
        ensureOpen();
        TreeMap<String, Long> byType = new TreeMap<>();
        long oldest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        ResultSet rs = Cql.call("reading statistics", () -> session.execute(SimpleStatement.newInstance(
                "SELECT record_type, timestamp FROM " + table.table() + " WHERE store = ?", name).setPageSize(PAGE_SIZE)));
        for (Row row : rs) {
            byType.merge(row.getString(0), 1L, Long::sum);
            oldest = Math.min(oldest, row.getLong(1));
            latest = Math.max(latest, row.getLong(1));
        }
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        return new MemoryStats(total, byType.getOrDefault(RecordType.CONVERSATION.name(), 0L), byType,
                total == 0 ? null : RecordTable.instant(oldest), total == 0 ? null : RecordTable.instant(latest),
                null, 0, "cassandra-sai", "Cassandra SAI vector index in " + table.table()
                + " (dot product on unit vectors = cosine)", total, 0, model.name(), model.dimension(), 0, 0, 0, Map.of(), 0);
    }

    void markClosed() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("memory store '" + name + "'");
        }
        memory.ensureOpen();
    }

    private void checkDraft(MemoryDraft draft) {
        checkText("text", draft.text());
        MetadataLimits.check(draft.metadata(), memory.config());
    }

    private void checkText(String what, String text) {
        TextCheck.text(what, text, memory.config().maxTextChars());
    }

    private List<float[]> unitVectors(List<float[]> vectors, String whatFormat) {
        List<float[]> out = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            out.add(unit(vectors.get(i), String.format(whatFormat, i)));
        }
        return out;
    }

    private float[] unit(float[] vector, String what) {
        Vectors.check(vector, model.dimension(), what);
        return Vectors.normalized(vector, what);
    }

    private int ttlSeconds() {
        Duration ttl = memory.config().defaultTtl();
        return ttl == null ? 0 : (int) Math.min(Integer.MAX_VALUE, ttl.toSeconds());
    }

    private static int estimatedBytes(MemoryDraft d, float[] vector) {
        // UTF-8 takes at most 3 bytes per UTF-16 char; plus the vector, the fixed columns, the metadata
        return 3 * (d.text().length() + length(d.userMessage()) + length(d.assistantMessage())) + 4 * vector.length + 96
                + MetadataColumns.estimatedBytes(MetadataColumns.encode(d.metadata()),
                        MetadataColumns.terms(d.metadata()));
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
