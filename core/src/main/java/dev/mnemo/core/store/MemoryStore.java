package dev.mnemo.core.store;

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
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.Vectors;
import dev.mnemo.core.db.ChangeLog;
import dev.mnemo.core.db.Database;
import dev.mnemo.core.db.FileUsage;
import dev.mnemo.core.db.RecordRepository;
import dev.mnemo.core.monitor.GaugeSource;
import dev.mnemo.core.monitor.MicrometerMonitor;
import dev.mnemo.core.monitor.OperationLog;
import dev.mnemo.core.monitor.OperationReport;
import dev.mnemo.core.monitor.SearchTrace;
import dev.mnemo.core.monitor.StoreMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The memory of one character or story: records in a SQLite file, vectors in the database and in
 * a derived vector index beside it.
 *
 * <p>Writes embed first, outside any transaction (a failed embedding writes nothing), then commit
 * the row and its vector in one transaction, then bring the index up to date. An acknowledged
 * write survives a crash of the process; a deleted record is never returned by a search, because
 * hits are always fetched from the database.
 *
 * <p>Thread-safe: searches run in parallel; writes are serialised. Obtained from
 * {@link MemoryService}, which owns and closes it.
 */
public final class MemoryStore implements AutoCloseable {
    /** With recency in the ranking, this many candidates per requested hit are re-ranked. */
    private static final int RERANK_FACTOR = 4;
    private static final int RERANK_MIN = 50;

    private final String name;
    private final Database database;
    private final RecordRepository records;
    private final IndexKeeper keeper;
    private final EmbeddingModel model;
    private final CachingEmbedder embedder;
    private final TextRules textRules;
    private final SearchRequest defaults;
    private final String backendNote;
    private final Clock clock;
    private final OperationLog operationLog;
    private final StoreMonitor monitor;
    private volatile boolean closed;

    MemoryStore(String name, Database database, IndexKeeper keeper, EmbeddingModel model, long cacheEntries,
                TextRules textRules, SearchRequest defaults, String backendNote, Clock clock, Monitoring monitoring) {
        this.name = name;
        this.database = database;
        this.records = new RecordRepository(name);
        this.keeper = keeper;
        this.model = model;
        this.embedder = new CachingEmbedder(model, database, cacheEntries, clock,
                this::reportCacheLookup);
        this.textRules = textRules;
        this.defaults = defaults;
        this.backendNote = backendNote;
        this.clock = clock;
        this.operationLog = monitoring.history() > 0 ? new OperationLog(database, monitoring.history(), clock) : null;
        List<StoreMonitor> monitors = new ArrayList<>();
        if (operationLog != null) {
            monitors.add(operationLog);
        }
        if (monitoring.registry() != null) {
            monitors.add(new MicrometerMonitor(monitoring.registry(), name, monitoring.kind(), keeper.backend(), gauges()));
        }
        this.monitor = StoreMonitor.of(monitors);
        monitor.operation(StoreMonitor.RECONCILE, keeper.openNanos(), keeper.size());
    }

    /** The character or story name. */
    public String name() {
        return name;
    }

    /** A search request with this store's configured ranking defaults, to adjust with {@code toBuilder()}. */
    public SearchRequest defaultRequest() {
        return defaults;
    }

    /** Stores a conversation turn; {@code timestamp} null means now. */
    public MemoryRecord addConversation(String user, String assistant, Instant timestamp) {
        return add(MemoryDraft.conversation(user, assistant, timestamp));
    }

    /** Stores one record of any type. */
    public MemoryRecord add(MemoryDraft draft) {
        return addAll(List.of(draft)).get(0);
    }

    /** Stores records in one transaction: all or none. Embeds them in one batch first. */
    public List<MemoryRecord> addAll(List<MemoryDraft> drafts) {
        ensureOpen();
        drafts.forEach(textRules::check);
        if (drafts.isEmpty()) {
            return List.of();
        }
        return insert(drafts, recordVectors(drafts.stream().map(MemoryDraft::text).toList()), null);
    }

    /**
     * Stores records with precomputed vectors (migration, re-import, benchmarks) in one
     * transaction. The vectors must come from this store's embedding model.
     *
     * @param legacyPositions the old FAISS position per record for the {@code vector_index} column, or null
     */
    public List<MemoryRecord> addAllWithVectors(List<MemoryDraft> drafts, List<float[]> vectors,
                                                List<Long> legacyPositions) {
        ensureOpen();
        if (drafts.size() != vectors.size() || legacyPositions != null && legacyPositions.size() != drafts.size()) {
            throw new InvalidInputException(drafts.size() + " records but " + vectors.size() + " vectors"
                    + (legacyPositions == null ? "" : " and " + legacyPositions.size() + " positions"));
        }
        for (int i = 0; i < drafts.size(); i++) {
            textRules.check(drafts.get(i));
            checkVector(vectors.get(i), "vector of record " + i + " of the batch");
        }
        if (drafts.isEmpty()) {
            return List.of();
        }
        return insert(drafts, vectors, legacyPositions);
    }

    private List<MemoryRecord> insert(List<MemoryDraft> drafts, List<float[]> vectors, List<Long> legacyPositions) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        List<MemoryRecord> stored = database.write("adding " + drafts.size() + " record(s)", c -> {
            List<MemoryRecord> out = new ArrayList<>(drafts.size());
            for (int i = 0; i < drafts.size(); i++) {
                Long position = legacyPositions == null ? null : legacyPositions.get(i);
                out.add(records.insert(c, drafts.get(i), vectors.get(i), position, now));
            }
            embedder.flushTouches(c); // a write anyway: the cache's remembered uses ride along
            return out;
        });
        afterWrite();
        monitor.operation(drafts.size() == 1 ? StoreMonitor.ADD : StoreMonitor.BATCH_ADD, System.nanoTime() - start,
                drafts.size());
        return stored;
    }

    /**
     * Up to {@code limit} records with ids above {@code afterId}, in id order: pages through the
     * whole store (export, re-embedding) without holding a transaction open.
     */
    public List<MemoryRecord> scan(long afterId, int limit) {
        if (limit < 1 || limit > SearchRequest.MAX_K) {
            throw new InvalidInputException("limit must be between 1 and " + SearchRequest.MAX_K + ", got " + limit);
        }
        ensureOpen();
        return database.read("scanning records", c -> records.page(c, afterId, limit));
    }

    /** The stored vectors of these ids (absent ids are missing from the map), e.g. for export. */
    public Map<Long, float[]> vectors(long[] ids) {
        ensureOpen();
        return database.read("reading vectors", c -> records.vectors(c, ids));
    }

    /** Copies records from another store with new vectors, keeping ids and times (re-embedding). */
    void importCopies(List<MemoryRecord> copies, List<float[]> vectors) {
        ensureOpen();
        for (int i = 0; i < copies.size(); i++) {
            checkVector(vectors.get(i), "vector of record " + copies.get(i).id());
        }
        database.write("copying " + copies.size() + " record(s)", c -> {
            for (int i = 0; i < copies.size(); i++) {
                records.insertCopy(c, copies.get(i), vectors.get(i));
            }
            return null;
        });
        afterWrite();
    }

    /** The record with this id, if present. */
    public Optional<MemoryRecord> get(long id) {
        ensureOpen();
        return Optional.ofNullable(database.read("reading record " + id,
                c -> records.findAll(c, new long[] {id}).get(id)));
    }

    /**
     * Replaces a record's content, re-embedding its text when it changed.
     *
     * @throws RecordNotFoundException when there is no such record
     */
    public MemoryRecord update(long id, MemoryDraft draft) {
        ensureOpen();
        textRules.check(draft);
        long start = System.nanoTime();
        MemoryRecord current = get(id).orElseThrow(() -> new RecordNotFoundException(id));
        float[] vector = current.text().equals(draft.text()) ? null : recordVectors(List.of(draft.text())).get(0);
        boolean updated = database.write("updating record " + id, c -> records.update(c, id, draft, vector, clock.instant()));
        if (!updated) {
            throw new RecordNotFoundException(id);
        }
        afterWrite();
        monitor.operation(StoreMonitor.UPDATE, System.nanoTime() - start, 1);
        return get(id).orElseThrow(() -> new RecordNotFoundException(id));
    }

    /** Deletes a record; false when it did not exist. Its vector leaves the index at once. */
    public boolean delete(long id) {
        return delete(new long[] {id}) == 1;
    }

    /** Deletes records in one transaction; returns how many existed. */
    public int delete(long[] ids) {
        ensureOpen();
        long start = System.nanoTime();
        int deleted = database.write("deleting " + ids.length + " record(s)", c -> records.delete(c, ids));
        afterWrite();
        monitor.operation(StoreMonitor.DELETE, System.nanoTime() - start, deleted);
        return deleted;
    }

    /**
     * Deletes records whose timestamp is older than {@code days} days (the legacy
     * {@code delete_old_records}); their vectors leave the index.
     *
     * @return how many records were deleted
     */
    public int deleteOlderThan(int days) {
        if (days < 0) {
            throw new InvalidInputException("days must not be negative, got " + days);
        }
        ensureOpen();
        long start = System.nanoTime();
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        int deleted = database.write("deleting records older than " + days + " days",
                c -> records.delete(c, records.idsBefore(c, cutoff)));
        afterWrite();
        monitor.operation(StoreMonitor.PRUNE, System.nanoTime() - start, deleted);
        return deleted;
    }

    /** The newest conversation records, newest first. */
    public List<MemoryRecord> recentConversations(int limit) {
        if (limit < 1 || limit > SearchRequest.MAX_K) {
            throw new InvalidInputException("limit must be between 1 and " + SearchRequest.MAX_K + ", got " + limit);
        }
        ensureOpen();
        return database.read("reading recent conversations", c -> records.recent(c, RecordType.CONVERSATION, limit));
    }

    /** Searches by the meaning of a text. */
    public List<MemoryHit> search(String query, SearchRequest request) {
        ensureOpen();
        textRules.check("query", query);
        long start = System.nanoTime();
        float[] vector = embed(List.of(query)).get(0);
        return search(vector, request, System.nanoTime() - start);
    }

    /**
     * Searches by a vector from this store's model: filters first (as an id filter inside the
     * index, so k hits come back whenever k records match), then rows fetched in one query,
     * the similarity threshold, and the ranking documented on {@link SearchRequest}.
     */
    public List<MemoryHit> search(float[] query, SearchRequest request) {
        return search(query, request, 0);
    }

    private List<MemoryHit> search(float[] query, SearchRequest request, long embedNanos) {
        ensureOpen();
        checkVector(query, "query vector");
        long t0 = System.nanoTime();
        IdFilter filter = null;
        if (request.hasFilters()) {
            long[] candidates = database.read("filtering records",
                    c -> records.filteredIds(c, request.types(), request.from(), request.until()));
            if (candidates.length == 0) {
                trace(request, embedNanos, System.nanoTime() - t0, 0, 0, 0, 0, 0);
                return List.of();
            }
            filter = IdFilter.of(candidates);
        }
        long t1 = System.nanoTime();
        keeper.catchUpIfBehind(database.read("checking the change log", ChangeLog::lastSeq));
        int fetch = request.recencyWeight() > 0 ? Math.max(request.k() * RERANK_FACTOR, RERANK_MIN) : request.k();
        List<Neighbor> neighbors = keeper.search(query, fetch, filter);
        long t2 = System.nanoTime();
        int candidates = filter == null ? -1 : filter.size();
        if (neighbors.isEmpty()) {
            trace(request, embedNanos, t1 - t0, t2 - t1, 0, 0, candidates, 0);
            return List.of();
        }
        long[] ids = neighbors.stream().mapToLong(Neighbor::id).toArray();
        Map<Long, MemoryRecord> rows = database.read("fetching hits", c -> records.findAll(c, ids));
        long t3 = System.nanoTime();
        List<MemoryHit> hits = rank(neighbors, rows, request);
        trace(request, embedNanos, t1 - t0, t2 - t1, t3 - t2, System.nanoTime() - t3, candidates, hits.size());
        return hits;
    }

    private List<MemoryHit> rank(List<Neighbor> neighbors, Map<Long, MemoryRecord> rows, SearchRequest request) {
        Instant now = clock.instant();
        List<MemoryHit> hits = new ArrayList<>(neighbors.size());
        for (Neighbor n : neighbors) {
            MemoryRecord row = rows.get(n.id());
            if (row == null || n.score() < request.minSimilarity()) {
                continue; // deleted since the index saw it, or below the threshold
            }
            double recency = Ranking.recency(row.timestamp(), now, request.recencyHalfLife());
            hits.add(new MemoryHit(row, n.score(), recency, Ranking.score(n.score(), recency, request.recencyWeight())));
        }
        hits.sort(Comparator.comparingDouble(MemoryHit::score).reversed());
        return hits.size() > request.k() ? List.copyOf(hits.subList(0, request.k())) : hits;
    }

    private void trace(SearchRequest request, long embed, long filter, long index, long fetch, long rank,
                       int candidates, int hits) {
        if (!monitor.enabled()) {
            return;
        }
        String filters = (request.types().isEmpty() ? "" : "types=" + request.types().stream().map(RecordType::name)
                .sorted().toList() + " ")
                + (request.from() == null ? "" : "from=" + request.from() + " ")
                + (request.until() == null ? "" : "until=" + request.until());
        monitor.search(new SearchTrace(embed, filter, index, fetch, rank, candidates < 0 ? "ann" : "filtered",
                candidates, filters.trim(), request.k(), hits));
    }

    /** Storage statistics. */
    public MemoryStats stats() {
        ensureOpen();
        keeper.catchUp();
        return database.read("reading statistics", c -> {
            Map<String, Long> byType = records.countsByType(c);
            long total = byType.values().stream().mapToLong(Long::longValue).sum();
            Instant[] range = records.timeRange(c);
            return new MemoryStats(total, byType.getOrDefault(RecordType.CONVERSATION.name(), 0L), byType, range[0],
                    range[1], database.file(), databaseBytes(), keeper.backend(), backendNote, keeper.size(),
                    keeper.fileBytes(), model.name(), model.dimension(), embedder.hits(), embedder.misses(),
                    embedder.entries(c), FileUsage.bytesPerTable(c), FileUsage.freeBytes(c));
        });
    }

    /**
     * Gives the space of deleted records back to the file system: rewrites the database without
     * its free pages ({@code VACUUM}) and truncates its WAL. Searches (in this or another process)
     * keep working meanwhile; writes wait. Needs free disk space of about the database's size.
     */
    public CompactReport compact() {
        ensureOpen();
        long start = System.nanoTime();
        long before = databaseBytes();
        database.vacuum();
        return new CompactReport(before, databaseBytes(), System.nanoTime() - start);
    }

    /** Compares the index with the database. */
    public VerifyReport verify() {
        ensureOpen();
        keeper.catchUp();
        long[] inDb = database.read("listing vectors", records::vectorIds);
        return VerifyReport.compare(inDb, keeper.ids());
    }

    /**
     * Recent operation timings (count, p50, p99, max per operation, slowest searches with their
     * plans) from the persisted operation log; empty when {@code mnemo.monitoring.history} is 0.
     */
    public OperationReport operationReport() {
        ensureOpen();
        return operationLog == null ? new OperationReport(Map.of(), List.of()) : operationLog.report();
    }

    /** Rebuilds the vector index from the vectors in the database. */
    public void rebuildIndex() {
        ensureOpen();
        long start = System.nanoTime();
        keeper.rebuild();
        monitor.operation(StoreMonitor.RECONCILE, System.nanoTime() - start, keeper.size());
    }

    /** Writes a consistent copy of the database to {@code target} while the store stays usable. */
    public void backup(Path target) {
        ensureOpen();
        long start = System.nanoTime();
        Backups.backup(database, target);
        monitor.operation(StoreMonitor.BACKUP, System.nanoTime() - start, 0);
    }

    /**
     * Replaces this store's content with a backup made by {@link #backup}, then rebuilds the index.
     * The backup must come from the same embedding model and dimension.
     */
    public void restore(Path source) {
        ensureOpen();
        long start = System.nanoTime();
        Backups.restore(database, source, model);
        keeper.rebuild();
        monitor.operation(StoreMonitor.RESTORE, System.nanoTime() - start, keeper.size());
    }

    /** Where the database lives. */
    public Path databasePath() {
        return database.file();
    }

    /** Where the index file lives. */
    public Path indexPath() {
        return keeper.file();
    }

    /** What the index reported when it was opened (loaded, or rebuilt and why). */
    public String indexOpenNote() {
        return keeper.openNote();
    }

    /** Backend parameters and counters. */
    public Map<String, Object> indexDescription() {
        return keeper.describe();
    }

    /** Pooled connections currently in use (0 when idle; for leak checks). */
    public int activeConnections() {
        return database.activeConnections();
    }

    /** Saves the index and closes the database. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            embedder.flushTouches();
        } catch (RuntimeException e) {
            // only the eviction order of the cache suffers; closing must go on
        }
        try {
            monitor.close();
        } finally {
            try {
                keeper.close();
            } finally {
                database.close();
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void afterWrite() {
        keeper.catchUp();
        keeper.saveIfDue();
    }

    /**
     * Vectors for texts that are stored with them: from the cache when a text was searched for
     * before, but never written to it (memory_vector holds the record's vector already).
     */
    private List<float[]> recordVectors(List<String> texts) {
        return checkEmbeddings(embedder.embedDeferred(texts).vectors());
    }

    private List<float[]> embed(List<String> texts) {
        CachingEmbedder.Embedded embedded = embedder.embedDeferred(texts);
        checkEmbeddings(embedded.vectors());
        embedder.persist(embedded);
        return embedded.vectors();
    }

    private List<float[]> checkEmbeddings(List<float[]> vectors) {
        for (int i = 0; i < vectors.size(); i++) {
            checkVector(vectors.get(i), "embedding " + i + " from " + model.name());
        }
        return vectors;
    }

    private void checkVector(float[] vector, String what) {
        Vectors.check(vector, model.dimension(), what);
        Vectors.normalized(vector, what); // rejects zero vectors before anything is written
    }

    private void reportCacheLookup(int hits, int misses) {
        monitor.embedding(hits, misses);
    }

    private GaugeSource gauges() {
        return new GaugeSource() {
            @Override
            public long records() {
                return database.read("counting records", c -> records.countsByType(c).values().stream()
                        .mapToLong(Long::longValue).sum());
            }

            @Override
            public long indexSize() {
                return keeper.size();
            }

            @Override
            public long tombstones() {
                Object value = keeper.describe().get("tombstones");
                return value instanceof Number n ? n.longValue() : 0;
            }

            @Override
            public long databaseBytes() {
                return MemoryStore.this.databaseBytes();
            }

            @Override
            public long indexFileBytes() {
                return keeper.fileBytes();
            }
        };
    }

    private long databaseBytes() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            Path p = Path.of(database.file() + suffix);
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("memory store '" + name + "'");
        }
    }
}
