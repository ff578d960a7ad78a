package dev.mnemo.core.store;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MemoryStats;
import dev.mnemo.api.RecordNotFoundException;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexStats;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.Vectors;
import dev.mnemo.core.monitor.OperationLog;
import dev.mnemo.core.monitor.OperationReport;
import dev.mnemo.core.monitor.StoreMonitor;
import dev.mnemo.core.spi.RecordSql;
import dev.mnemo.core.spi.StoreDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The memory of one character or story: records in a database (a SQLite file of its own, or a
 * server shared by many stores; see {@code mnemo.store.kind}), vectors in the database and in a
 * derived vector index in the store's local folder.
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
    private final String name;
    private final StoreDatabase database;
    private final RecordSql records;
    private final IndexKeeper keeper;
    private final EmbeddingModel model;
    private final CachingEmbedder embedder;
    private final TextRules textRules;
    private final MetadataRules metadataRules;
    private final SearchRequest defaults;
    private final String backendNote;
    private final Clock clock;
    private final OperationLog operationLog;
    private final StoreMonitor monitor;
    private final StoreGauges gauges;
    private final QueryCacheQueue queryCache;
    private final SearchPipeline pipeline;
    private final KeywordUpkeep keywords;
    private final ProgressListener progress;
    private final ChatThreads chatThreads;
    private volatile boolean closed;

    /**
     * Wired by {@link MemoryService}, which also builds the monitors.
     *
     * @param monitor      every monitor of this store, closed with it
     * @param operationLog the persisted operation log among them, or {@code null} when it is off
     */
    MemoryStore(String name, StoreDatabase database, IndexKeeper keeper, EmbeddingModel model,
                long cacheEntries, TextRules textRules, MetadataRules metadataRules, SearchRequest defaults,
                String backendNote, Clock clock, StoreMonitor monitor, OperationLog operationLog, StoreGauges gauges,
                ProgressListener progress) {
        this.name = name;
        this.database = database;
        this.records = database.records();
        this.keeper = keeper;
        this.model = model;
        this.embedder = new CachingEmbedder(model, database, cacheEntries, clock,
                this::reportCacheLookup);
        this.textRules = textRules;
        this.metadataRules = metadataRules;
        this.defaults = defaults;
        this.backendNote = backendNote;
        this.clock = clock;
        this.operationLog = operationLog;
        this.monitor = monitor;
        this.gauges = gauges;
        this.queryCache = new QueryCacheQueue(embedder);
        this.pipeline = new SearchPipeline(database, keeper, clock, monitor, model.scripts());
        this.keywords = new KeywordUpkeep(database, name);
        this.progress = progress;
        this.chatThreads = new ChatThreads(database, clock);
        monitor.operation(StoreMonitor.RECONCILE, keeper.openNanos(), keeper.size());
    }

    /**
     * Analyses the records the keyword leg has not seen yet: those of a store created before it
     * existed (schema migration 4), or of a fill that was interrupted. Called on open.
     */
    void completeKeywordIndex() {
        keywords.fillIfPending(progress);
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

    /**
     * Stores records in one transaction: all or none. Embeds them in one batch first. Every draft
     * is checked (text, metadata limits) before anything is embedded or written.
     */
    public List<MemoryRecord> addAll(List<MemoryDraft> drafts) {
        ensureOpen();
        drafts.forEach(this::check);
        if (drafts.isEmpty()) {
            return List.of();
        }
        return insert(drafts, recordVectors(drafts.stream().map(MemoryDraft::text).toList()), null, null);
    }

    /**
     * Stores records with precomputed vectors (migration, re-import, benchmarks) in one
     * transaction. The vectors must come from this store's embedding model.
     *
     * @param legacyPositions the old FAISS position per record for the {@code vector_index} column, or null
     */
    public List<MemoryRecord> addAllWithVectors(List<MemoryDraft> drafts, List<float[]> vectors,
                                                List<Long> legacyPositions) {
        checkWithVectors(drafts, vectors, legacyPositions);
        if (drafts.isEmpty()) {
            return List.of();
        }
        return insert(drafts, vectors, legacyPositions, null);
    }

    /**
     * Deletes the records whose metadata matches {@code replaced} and stores the drafts with their
     * precomputed vectors, in one transaction: an upsert by an application's own key (e.g. the
     * LangChain4j adapter's string ids), where readers see either the old records or the new ones.
     * Everything is checked before anything is written; the vectors must come from this store's model.
     *
     * @param replaced which records the drafts replace; matching none is fine
     * @return the stored records, in the drafts' order
     */
    public List<MemoryRecord> replaceWithVectors(MetadataFilter replaced, List<MemoryDraft> drafts,
                                                 List<float[]> vectors) {
        if (replaced == null) {
            throw new InvalidInputException("the filter of the records to replace is null");
        }
        checkWithVectors(drafts, vectors, null);
        if (drafts.isEmpty()) {
            return List.of();
        }
        return insert(drafts, vectors, null, replaced);
    }

    private void checkWithVectors(List<MemoryDraft> drafts, List<float[]> vectors, List<Long> legacyPositions) {
        ensureOpen();
        if (drafts.size() != vectors.size() || legacyPositions != null && legacyPositions.size() != drafts.size()) {
            throw new InvalidInputException(drafts.size() + " records but " + vectors.size() + " vectors"
                    + (legacyPositions == null ? "" : " and " + legacyPositions.size() + " positions"));
        }
        for (int i = 0; i < drafts.size(); i++) {
            check(drafts.get(i));
            checkVector(vectors.get(i), "vector of record " + i + " of the batch");
        }
    }

    /** @param replaced records deleted in the same transaction first, or null */
    private List<MemoryRecord> insert(List<MemoryDraft> drafts, List<float[]> vectors, List<Long> legacyPositions,
                                      MetadataFilter replaced) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        List<MemoryRecord> stored = database.write("adding " + drafts.size() + " record(s)", c -> {
            if (replaced != null) {
                records.delete(c, matching(c, replaced));
            }
            List<MemoryRecord> out = new ArrayList<>(drafts.size());
            for (int i = 0; i < drafts.size(); i++) {
                Long position = legacyPositions == null ? null : legacyPositions.get(i);
                out.add(records.insert(c, drafts.get(i), vectors.get(i), position, now));
            }
            embedder.flushTouches(c); // a write anyway: the cache's remembered uses ride along
            queryCache.drainInto(c);
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
            queryCache.drainInto(c);
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
     * Replaces a record's content and metadata (the draft's, possibly none), re-embedding its
     * text when it changed.
     *
     * @throws RecordNotFoundException when there is no such record
     */
    public MemoryRecord update(long id, MemoryDraft draft) {
        ensureOpen();
        check(draft);
        long start = System.nanoTime();
        MemoryRecord current = get(id).orElseThrow(() -> new RecordNotFoundException(id));
        float[] vector = current.text().equals(draft.text()) ? null : recordVectors(List.of(draft.text())).get(0);
        boolean updated = database.write("updating record " + id, c -> {
            boolean found = records.update(c, id, draft, vector, clock.instant());
            queryCache.drainInto(c);
            return found;
        });
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
        int deleted = database.write("deleting " + ids.length + " record(s)", c -> {
            queryCache.drainInto(c);
            return records.delete(c, ids);
        });
        afterWrite();
        monitor.operation(StoreMonitor.DELETE, System.nanoTime() - start, deleted);
        return deleted;
    }

    /**
     * Deletes, in one transaction, every record whose metadata matches the filter (with the
     * filter's semantics in searches: {@code ne}, {@code notIn} and {@code not} also match records
     * without the key).
     *
     * @return how many records were deleted
     * @throws InvalidInputException when the filter is null or compares a key with a value of another
     *         kind than those stored under it
     */
    public int delete(MetadataFilter filter) {
        if (filter == null) {
            throw new InvalidInputException("the metadata filter of a delete is null");
        }
        ensureOpen();
        long start = System.nanoTime();
        int deleted = database.write("deleting records by metadata", c -> {
            queryCache.drainInto(c);
            return records.delete(c, matching(c, filter));
        });
        afterWrite();
        monitor.operation(StoreMonitor.DELETE, System.nanoTime() - start, deleted);
        return deleted;
    }

    private long[] matching(Connection c, MetadataFilter filter) throws SQLException {
        SearchRequest request = SearchRequest.builder().metadata(filter).build();
        records.checkFilters(c, request);
        return records.filteredIds(c, request);
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
        int deleted = database.write("deleting records older than " + days + " days", c -> {
            queryCache.drainInto(c);
            return records.delete(c, records.idsBefore(c, cutoff));
        });
        afterWrite();
        monitor.operation(StoreMonitor.PRUNE, System.nanoTime() - start, deleted);
        return deleted;
    }

    /**
     * The messages of a chat framework's conversation thread (a LangChain4j memory id, a Spring
     * AI conversation id), as last saved by {@link #saveChatThread}; empty when there is none.
     * Threads live in this store's database beside its records, so backups carry them, but they
     * are not records: search, stats and export do not see them.
     *
     * @param threadId 1 to 256 characters, no NUL
     */
    public Optional<String> chatThread(String threadId) {
        ensureOpen();
        return chatThreads.find(threadId);
    }

    /**
     * Replaces a thread's messages (opaque text, the framework's own serialised form, at most
     * 16 Mi characters) in one transaction, creating the thread if needed.
     */
    public void saveChatThread(String threadId, String messages) {
        ensureOpen();
        chatThreads.save(threadId, messages);
    }

    /** Deletes a thread; false when there was none. */
    public boolean deleteChatThread(String threadId) {
        ensureOpen();
        return chatThreads.delete(threadId);
    }

    /** The ids of every chat thread, in id order. */
    public List<String> chatThreadIds() {
        ensureOpen();
        return chatThreads.ids();
    }

    /** The newest conversation records, newest first. */
    public List<MemoryRecord> recentConversations(int limit) {
        if (limit < 1 || limit > SearchRequest.MAX_K) {
            throw new InvalidInputException("limit must be between 1 and " + SearchRequest.MAX_K + ", got " + limit);
        }
        ensureOpen();
        return database.read("reading recent conversations", c -> records.recent(c, RecordType.CONVERSATION, limit));
    }

    /**
     * Searches by a text: in the request's mode, by meaning (vector leg), by its words (keyword
     * leg, BM25) or both fused by reciprocal rank (the default), then ranked as documented on
     * {@link SearchRequest}. A query without keyword terms (only punctuation or stop words) runs
     * the vector leg alone and says so in each hit's {@link dev.mnemo.api.HitExplanation#note()}.
     */
    public List<MemoryHit> search(String query, SearchRequest request) {
        ensureOpen();
        textRules.check("query", query);
        List<MemoryHit> hits = pipeline.search(query, this::embedQuery, null, request);
        if (queryCache.full()) {
            flushQueryCache(); // after the hits are complete; one transaction per QueryCacheQueue.CAPACITY queries
        }
        return hits;
    }

    /**
     * Searches by a vector from this store's model (vector leg only, as there is no text for the
     * keyword leg): filters first (as an id filter inside the index, so k hits come back whenever
     * k records match), then rows fetched in one query, the similarity threshold, and the ranking
     * documented on {@link SearchRequest}.
     */
    public List<MemoryHit> search(float[] query, SearchRequest request) {
        ensureOpen();
        checkVector(query, "query vector");
        return pipeline.search(null, null, query, request);
    }

    /**
     * Searches by a text and its vector, computed by the caller with this store's model (an
     * application that embeds through its own framework, e.g. LangChain4j): as
     * {@link #search(String, SearchRequest)}, with {@code vector} in the vector leg and in every
     * hit's similarity instead of the store embedding {@code query}.
     */
    public List<MemoryHit> search(String query, float[] vector, SearchRequest request) {
        ensureOpen();
        textRules.check("query", query);
        checkVector(vector, "query vector");
        return pipeline.search(query, null, vector, request);
    }

    /** The keyword terms a query analyses to; empty means a hybrid or keyword search runs the vector leg only. */
    public List<String> keywordTerms(String query) {
        return pipeline.queryTerms(query);
    }

    /** A query's vector: from a search moments ago, the cache, or the model (its cache entry queued, not written). */
    private float[] embedQuery(String query) {
        float[] pending = queryCache.find(query);
        if (pending != null) {
            embedder.countPendingHit();
            return pending;
        }
        CachingEmbedder.Embedded embedded = embedder.embedQueryDeferred(query);
        checkEmbeddings(embedded.vectors());
        queryCache.offer(query, embedded);
        return embedded.vectors().get(0);
    }

    private void flushQueryCache() {
        if (!queryCache.isEmpty()) {
            database.write("writing the embedding cache", c -> {
                queryCache.drainInto(c);
                return null;
            });
        }
    }

    /** Storage statistics. */
    public MemoryStats stats() {
        ensureOpen();
        flushQueryCache();
        keeper.catchUp();
        return database.read("reading statistics", c -> {
            Map<String, Long> byType = records.countsByType(c);
            long total = byType.values().stream().mapToLong(Long::longValue).sum();
            Instant[] range = records.timeRange(c);
            return new MemoryStats(total, byType.getOrDefault(RecordType.CONVERSATION.name(), 0L), byType, range[0],
                    range[1], database.file(), gauges.databaseBytes(), keeper.backend(), backendNote, keeper.size(),
                    keeper.fileBytes(), model.name(), model.dimension(), embedder.hits(), embedder.misses(),
                    embedder.entries(c), database.bytesPerTable(c), database.freeBytes(c));
        });
    }

    /**
     * Gives the space of deleted records back to the file system. On SQLite: rewrites the database
     * without its free pages ({@code VACUUM}) and truncates its WAL. Searches (in this or another
     * process) keep working meanwhile; writes wait. Needs free disk space of about the database's
     * size. On a server the server's own vacuuming does this, and compacting changes nothing.
     */
    public CompactReport compact() {
        ensureOpen();
        long start = System.nanoTime();
        long before = gauges.databaseBytes();
        database.compact();
        return new CompactReport(before, gauges.databaseBytes(), System.nanoTime() - start);
    }

    /** Compares the vector index and the keyword leg with the database. */
    public VerifyReport verify() {
        ensureOpen();
        keeper.catchUp();
        long[] inDb = database.read("listing vectors", records::vectorIds);
        KeywordUpkeep.Check keywordCheck = keywords.check();
        return VerifyReport.compare(inDb, keeper.ids(), keywordCheck.rows(), keywordCheck.differingIds());
    }

    /**
     * Recent operation timings (count, p50, p99, max per operation, slowest searches with their
     * plans) from the persisted operation log; empty when {@code mnemo.monitoring.history} is 0.
     */
    public OperationReport operationReport() {
        ensureOpen();
        return operationLog == null ? new OperationReport(Map.of(), List.of()) : operationLog.report();
    }

    /** Rebuilds the vector index from the vectors in the database, and the keyword leg from the texts. */
    public void rebuildIndex() {
        ensureOpen();
        long start = System.nanoTime();
        keeper.rebuild();
        keywords.rebuild(progress);
        monitor.operation(StoreMonitor.RECONCILE, System.nanoTime() - start, keeper.size());
    }

    /**
     * Writes a consistent copy of the database to {@code target} while the store stays usable.
     *
     * @throws InvalidInputException for a store on a server (back the server up with its own tools)
     */
    public void backup(Path target) {
        ensureOpen();
        long start = System.nanoTime();
        database.backup(target);
        monitor.operation(StoreMonitor.BACKUP, System.nanoTime() - start, 0);
    }

    /**
     * Replaces this store's content with a backup made by {@link #backup}, then rebuilds the index.
     * The backup must come from the same embedding model and dimension.
     */
    public void restore(Path source) {
        ensureOpen();
        long start = System.nanoTime();
        database.restore(source, model);
        keywords.fillIfPending(progress);
        keeper.rebuild();
        monitor.operation(StoreMonitor.RESTORE, System.nanoTime() - start, keeper.size());
    }

    /** The store's own database file, or {@code null} for a store on a server (see {@link #databaseLocation()}). */
    public Path databasePath() {
        return database.file();
    }

    /** Where the database lives, for messages: its file, or the server and schema (never credentials). */
    public String databaseLocation() {
        return database.location();
    }

    /** Where the index file lives. */
    public Path indexPath() {
        return keeper.file();
    }

    /** What the index reported when it was opened (loaded, or rebuilt and why). */
    public String indexOpenNote() {
        return keeper.openNote();
    }

    /** What the index holds, its backend parameters and counters. */
    public IndexStats indexDescription() {
        return keeper.stats();
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
            flushQueryCache();
        } catch (RuntimeException e) {
            // only the query cache suffers; closing must go on
        }
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

    /**
     * Checks a draft against this store's rules (text length and content, metadata keys, values
     * and limits) without writing anything: what {@link #add} would refuse, refused now. Lets a
     * bulk load check every record before its first batch commits.
     *
     * @throws InvalidInputException naming what is wrong
     */
    public void check(MemoryDraft draft) {
        if (draft == null) {
            throw new InvalidInputException("draft is null");
        }
        textRules.check(draft);
        metadataRules.check(draft);
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

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("memory store '" + name + "'");
        }
    }
}
