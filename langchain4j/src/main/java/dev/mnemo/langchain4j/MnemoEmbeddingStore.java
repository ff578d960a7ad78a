package dev.mnemo.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.RelevanceScore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.core.store.MemoryStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A Mnemo {@link MemoryStore} as a LangChain4j {@link EmbeddingStore} of {@link TextSegment}s.
 *
 * <p><b>Records.</b> Each embedding is one Mnemo record with the caller's vector, stored as given.
 * A segment's text is the record's text (so the keyword leg of hybrid search reads it) and its
 * metadata the record's metadata, translated as {@link MetadataCodec} describes: keys must follow
 * Mnemo's rules (1-64 characters of {@code [A-Za-z0-9_.-]}, at most 64 per record), and keys
 * starting with {@code lc4j.} are reserved. An embedding added without a segment is a record of type
 * {@value #EMBEDDING_TYPE} with the placeholder text {@value #NO_TEXT}, which has no keyword terms,
 * so only the vector leg ever finds it, and it comes back without a segment; records with a segment
 * have the type {@value #SEGMENT_TYPE}.
 *
 * <p><b>Ids.</b> LangChain4j ids are strings (random UUIDs unless the caller gives its own); Mnemo's
 * are longs it assigns. The string id is kept in the reserved metadata key {@code lc4j.id}. Adding
 * under an id that is already stored replaces that record, in the same transaction as the insert.
 * A record written through Mnemo's own API has no such key: searches report it with the id
 * {@code mnemo:<record id>}, and only {@link #removeAll()} and {@link #removeAll(Filter)} remove it.
 * Give the embedding store a memory store of its own.
 *
 * <p><b>Search.</b> A request that carries a query text runs Mnemo's hybrid search (keyword and
 * vector legs fused by reciprocal rank, {@link SearchMode#HYBRID}) with the request's embedding in
 * the vector leg; one without runs the vector leg alone. Recency plays no part. Each match's score is
 * the relevance {@code (cosine + 1) / 2} of its stored vector to the query embedding
 * ({@link RelevanceScore#fromCosineSimilarity}), whatever ranked it; {@code minScore} drops matches
 * below it and {@code maxResults} (at most {@value SearchRequest#MAX_K}; more is read as that)
 * bounds their number. Matches come in Mnemo's rank order, which in hybrid mode is the fused rank.
 * The filter is pushed into both legs (see {@link FilterMapper} for the translation), so
 * {@code maxResults} matches come back whenever that many records match.
 *
 * <p><b>Ownership.</b> The vectors must have the dimension of the memory store's embedding model
 * (open the store's {@code MemoryService} with a {@link LangChain4jEmbeddingModel} to use the same
 * model on both sides). This class does not close the memory store: its {@code MemoryService} does.
 * Thread-safe, as the memory store is.
 */
public final class MnemoEmbeddingStore implements EmbeddingStore<TextSegment> {
    /** Record type of an embedding stored with a segment. */
    public static final String SEGMENT_TYPE = "lc4j-segment";
    /** Record type of an embedding stored without a segment. */
    public static final String EMBEDDING_TYPE = "lc4j-embedding";
    /** The text of a record without a segment: Mnemo requires one, and this one has no keyword terms. */
    public static final String NO_TEXT = "-";

    private static final RecordType SEGMENT = new RecordType(SEGMENT_TYPE);
    private static final RecordType EMBEDDING_ONLY = new RecordType(EMBEDDING_TYPE);
    private static final String FOREIGN_ID_PREFIX = "mnemo:";
    /** Ids per statement when replacing or removing by id: well inside Mnemo's filter limits. */
    private static final int ID_BATCH = 1000;
    /** Records per page when removing everything. */
    private static final int PAGE = 1000;

    private final MemoryStore store;

    private MnemoEmbeddingStore(Builder builder) {
        this.store = Objects.requireNonNull(builder.store, "memoryStore");
    }

    /** A builder; {@link Builder#memoryStore} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String add(Embedding embedding) {
        String id = UUID.randomUUID().toString();
        add(id, embedding);
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        addAll(List.of(id), List.of(embedding), null);
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), List.of(embedding), segment == null ? null : List.of(segment));
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = generateIds(checkNotNull(embeddings, "embeddings").size());
        addAll(ids, embeddings, null);
        return ids;
    }

    /**
     * Stores the embeddings under the ids, with their segments ({@code segments} null: none, or a
     * null element: none for that one), replacing records already stored under those ids. Up to
     * {@value #ID_BATCH} embeddings go in one transaction.
     */
    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        checkNotNull(ids, "ids");
        checkNotNull(embeddings, "embeddings");
        if (ids.size() != embeddings.size() || segments != null && segments.size() != ids.size()) {
            throw new IllegalArgumentException("ids, embeddings and segments must be of the same size, got "
                    + ids.size() + ", " + embeddings.size() + " and " + (segments == null ? "none" : segments.size()));
        }
        List<MemoryDraft> drafts = new ArrayList<>(ids.size());
        List<float[]> vectors = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("id cannot be null or blank");
            }
            Embedding embedding = checkNotNull(embeddings.get(i), "embedding");
            drafts.add(draft(id, segments == null ? null : segments.get(i)));
            vectors.add(embedding.vector());
        }
        for (int from = 0; from < ids.size(); from += ID_BATCH) {
            int to = Math.min(ids.size(), from + ID_BATCH);
            store.replaceWithVectors(MetadataFilter.in(MetadataCodec.ID_KEY, List.copyOf(ids.subList(from, to))),
                    drafts.subList(from, to), vectors.subList(from, to));
        }
    }

    private static MemoryDraft draft(String id, TextSegment segment) {
        if (segment == null) {
            return new MemoryDraft(EMBEDDING_ONLY, NO_TEXT, null, null, null, MetadataCodec.encode(id, null));
        }
        return new MemoryDraft(SEGMENT, segment.text(), null, null, null, MetadataCodec.encode(id, segment.metadata()));
    }

    /** Removes the records stored under these ids (ids never stored are ignored). */
    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("ids cannot be null or empty");
        }
        List<String> list = List.copyOf(ids);
        for (int from = 0; from < list.size(); from += ID_BATCH) {
            store.delete(MetadataFilter.in(MetadataCodec.ID_KEY, list.subList(from, Math.min(list.size(), from + ID_BATCH))));
        }
    }

    /** Removes every record whose metadata matches the filter, in one transaction. */
    @Override
    public void removeAll(Filter filter) {
        if (filter == null) {
            throw new IllegalArgumentException("filter cannot be null");
        }
        store.delete(FilterMapper.map(filter));
    }

    /** Removes every record of the memory store, a page of records per transaction. */
    @Override
    public void removeAll() {
        List<MemoryRecord> page;
        while (!(page = store.scan(0, PAGE)).isEmpty()) {
            store.delete(page.stream().mapToLong(MemoryRecord::id).toArray());
        }
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        checkNotNull(request, "request");
        float[] query = request.queryEmbedding().vector();
        double minScore = request.minScore();
        SearchRequest.Builder mnemo = SearchRequest.builder()
                .k(Math.min(request.maxResults(), SearchRequest.MAX_K))
                .recencyWeight(0)
                // a hair below the threshold, so rounding never drops a match the exact check below keeps
                .minSimilarity(Math.max(-1.0, 2 * minScore - 1 - 1e-9));
        if (request.filter() != null) {
            mnemo.metadata(FilterMapper.map(request.filter()));
        }
        String text = request.query();
        List<MemoryHit> hits = text == null || text.isBlank()
                ? store.search(query, mnemo.mode(SearchMode.VECTOR).build())
                : store.search(text, query, mnemo.mode(SearchMode.HYBRID).build());
        Map<Long, float[]> vectors = store.vectors(hits.stream().mapToLong(h -> h.record().id()).toArray());
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>(hits.size());
        for (MemoryHit hit : hits) {
            double score = RelevanceScore.fromCosineSimilarity(hit.similarity());
            float[] vector = vectors.get(hit.record().id());
            if (score >= minScore && vector != null) { // no vector: deleted since the search
                matches.add(match(hit.record(), score, vector));
            }
        }
        return new EmbeddingSearchResult<>(matches);
    }

    private static EmbeddingMatch<TextSegment> match(MemoryRecord record, double score, float[] vector) {
        String id = MetadataCodec.id(record.metadata());
        TextSegment segment = EMBEDDING_ONLY.equals(record.type()) ? null
                : TextSegment.from(record.text(), MetadataCodec.decode(record.metadata()));
        return new EmbeddingMatch<>(score, id != null ? id : FOREIGN_ID_PREFIX + record.id(), Embedding.from(vector),
                segment);
    }

    private static <T> T checkNotNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " cannot be null");
        }
        return value;
    }

    /** Builds a {@link MnemoEmbeddingStore}. */
    public static final class Builder {
        private MemoryStore store;

        private Builder() {
        }

        /** The memory store to keep the embeddings in (required); it stays owned by its {@code MemoryService}. */
        public Builder memoryStore(MemoryStore value) {
            this.store = Objects.requireNonNull(value, "memoryStore");
            return this;
        }

        /** The store; {@link NullPointerException} when no memory store was given. */
        public MnemoEmbeddingStore build() {
            return new MnemoEmbeddingStore(this);
        }
    }
}
