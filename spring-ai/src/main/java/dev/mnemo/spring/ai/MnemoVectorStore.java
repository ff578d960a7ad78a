package dev.mnemo.spring.ai;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.core.store.MemoryStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.ai.document.Document;
import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * A Spring AI {@link org.springframework.ai.vectorstore.VectorStore} over one Mnemo
 * {@link MemoryStore} (a character's or a story's SQLite file and its vector index).
 *
 * <p>Each document is one record of the store's {@linkplain Builder#recordType record type}
 * ({@code document} by default); searches and deletes see only records of that type, so the
 * same store can hold conversation memories written through {@link MemoryStore} beside them.
 * A document's id (a string) lives in the reserved metadata key {@value #DOCUMENT_ID_KEY}, as
 * Mnemo's record ids are longs the store assigns. Metadata values become Mnemo's (strings, longs,
 * doubles, booleans; enums by name, dates as ISO-8601 strings); anything else is refused with an
 * {@link dev.mnemo.api.InvalidInputException} before anything of the batch is written.
 *
 * <ul>
 *   <li>{@link #add}: texts are embedded by the store's model and written in one transaction;
 *       adding a document whose id is already stored replaces it (text, metadata).</li>
 *   <li>{@link #similaritySearch}: vector search (cosine similarity, no recency weighting) with
 *       the filter expression translated by {@link FilterExpressions} and applied inside the
 *       index, so {@code topK} documents come back whenever that many match. A document's score
 *       is its cosine similarity; {@code similarityThreshold} drops documents scoring below it, as
 *       in Spring AI's {@code SimpleVectorStore}.</li>
 *   <li>{@link #delete(List)} by document ids, {@link #delete(Filter.Expression)} by filter.</li>
 * </ul>
 *
 * <p>Thread-safe: searches run in parallel; writes through one instance are serialised, so
 * concurrent adds of one id leave one document. The store stays owned by its {@code MemoryService}; this class
 * closes nothing. {@link #getNativeClient()} returns the {@link MemoryStore}.
 */
public final class MnemoVectorStore extends AbstractObservationVectorStore {
    /** The default record type of documents. */
    public static final RecordType DOCUMENT = RecordType.of("document");
    /** The reserved metadata key that holds a record's document id. */
    public static final String DOCUMENT_ID_KEY = DocumentMapping.DOCUMENT_ID_KEY;
    /** Documents looked up by id per query; far below MetadataFilter's operand limit. */
    private static final int ID_CHUNK = 1_000;

    private final MemoryStore store;
    private final int dimension;
    private final RecordType recordType;
    private final float[] probe;
    /**
     * Held by every write: an add looks up the stored ids before it writes, and two adds of one id
     * interleaved would both insert it.
     */
    private final Object writeLock = new Object();

    private MnemoVectorStore(Builder builder) {
        super(builder);
        this.store = builder.store;
        this.dimension = builder.mnemoModel.dimension();
        this.recordType = builder.recordType;
        // lookups by metadata rank by similarity to some vector; any unit vector does
        this.probe = new float[dimension];
        this.probe[0] = 1f;
    }

    /**
     * A builder for a store and the Mnemo model it embeds with ({@code MemoryService.model()}),
     * which Spring AI sees through a {@link MnemoEmbeddingModel}. Searches need a non-blank query.
     */
    public static Builder builder(MemoryStore store, dev.mnemo.api.embedding.EmbeddingModel model) {
        return new Builder(store, model);
    }

    /** The record type documents are stored as. */
    public RecordType recordType() {
        return recordType;
    }

    @Override
    public void doAdd(List<Document> documents) {
        if (documents == null || documents.isEmpty()) {
            return;
        }
        Map<String, MemoryDraft> drafts = new LinkedHashMap<>();
        for (Document document : documents) {
            MemoryDraft draft = DocumentMapping.draft(document, recordType);
            if (drafts.put(document.getId(), draft) != null) {
                throw new InvalidInputException("document id " + document.getId() + " appears twice in one add");
            }
        }
        synchronized (writeLock) {
            upsert(drafts);
        }
    }

    private void upsert(Map<String, MemoryDraft> drafts) {
        Map<String, List<Long>> existing = recordIds(drafts.keySet());
        List<MemoryDraft> fresh = new ArrayList<>();
        drafts.forEach((id, draft) -> {
            if (!existing.containsKey(id)) {
                fresh.add(draft);
            }
        });
        if (!fresh.isEmpty()) {
            store.addAll(fresh);
        }
        List<Long> extra = new ArrayList<>();
        existing.forEach((id, recordIds) -> {
            store.update(recordIds.get(0), drafts.get(id));
            extra.addAll(recordIds.subList(1, recordIds.size()));
        });
        if (!extra.isEmpty()) {
            store.delete(extra.stream().mapToLong(Long::longValue).toArray());
        }
    }

    @Override
    public void doDelete(List<String> idList) {
        Objects.requireNonNull(idList, "idList");
        synchronized (writeLock) {
            long[] ids = recordIds(new HashSet<>(idList)).values().stream()
                    .flatMap(List::stream).mapToLong(Long::longValue).toArray();
            if (ids.length > 0) {
                store.delete(ids);
            }
        }
    }

    @Override
    protected void doDelete(Filter.Expression filterExpression) {
        MetadataFilter filter = FilterExpressions.toMetadataFilter(filterExpression);
        synchronized (writeLock) {
            List<MemoryHit> hits;
            do { // a lookup returns at most MAX_K documents; repeat until one comes back short
                hits = lookup(filter);
                if (!hits.isEmpty()) {
                    store.delete(hits.stream().mapToLong(h -> h.record().id()).toArray());
                }
            } while (hits.size() == dev.mnemo.api.SearchRequest.MAX_K);
        }
    }

    @Override
    public List<Document> doSimilaritySearch(SearchRequest request) {
        if (request.getTopK() == 0) {
            return List.of();
        }
        dev.mnemo.api.SearchRequest search = dev.mnemo.api.SearchRequest.builder()
                .k(request.getTopK())
                .types(recordType)
                .minSimilarity(request.getSimilarityThreshold())
                .recencyWeight(0)
                .mode(SearchMode.VECTOR)
                .metadata(request.hasFilterExpression()
                        ? FilterExpressions.toMetadataFilter(request.getFilterExpression())
                        : null)
                .build();
        return store.search(request.getQuery(), search).stream().map(DocumentMapping::document).toList();
    }

    @Override
    public VectorStoreObservationContext.Builder createObservationContextBuilder(String operationName) {
        return VectorStoreObservationContext.builder("mnemo", operationName)
                .collectionName(store.name())
                .dimensions(dimension)
                .similarityMetric(VectorStoreSimilarityMetric.COSINE.value());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getNativeClient() {
        return Optional.of((T) store);
    }

    /** Record ids of the stored documents among these ids (usually one record each). */
    private Map<String, List<Long>> recordIds(Set<String> documentIds) {
        Map<String, List<Long>> found = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(documentIds);
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
            for (MemoryHit hit : lookup(MetadataFilter.in(DOCUMENT_ID_KEY, chunk))) {
                Object id = hit.record().metadata().get(DOCUMENT_ID_KEY);
                found.computeIfAbsent(String.valueOf(id), k -> new ArrayList<>()).add(hit.record().id());
            }
        }
        return found;
    }

    /** Up to MAX_K documents matching a metadata filter, whatever their similarity. */
    private List<MemoryHit> lookup(MetadataFilter filter) {
        return store.search(probe, dev.mnemo.api.SearchRequest.builder()
                .k(dev.mnemo.api.SearchRequest.MAX_K)
                .types(recordType)
                .recencyWeight(0)
                .mode(SearchMode.VECTOR)
                .metadata(filter)
                .build());
    }

    /** Builds a {@link MnemoVectorStore}; observation registry and convention as in every Spring AI store. */
    public static final class Builder extends AbstractVectorStoreBuilder<Builder> {
        private final MemoryStore store;
        private final dev.mnemo.api.embedding.EmbeddingModel mnemoModel;
        private RecordType recordType = DOCUMENT;

        private Builder(MemoryStore store, dev.mnemo.api.embedding.EmbeddingModel model) {
            super(new MnemoEmbeddingModel(Objects.requireNonNull(model, "model")));
            this.store = Objects.requireNonNull(store, "store");
            this.mnemoModel = model;
        }

        /** The record type documents are stored as and searched among; {@code document} by default. */
        public Builder recordType(RecordType value) {
            this.recordType = Objects.requireNonNull(value, "recordType");
            return this;
        }

        @Override
        public MnemoVectorStore build() {
            return new MnemoVectorStore(this);
        }
    }
}
