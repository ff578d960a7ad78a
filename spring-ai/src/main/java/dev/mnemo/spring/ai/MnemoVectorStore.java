package dev.mnemo.spring.ai;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.core.store.MemoryStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Each document is one record, of the {@linkplain Builder#recordType record type}
 * {@code document} by default. A document's id (a string) lives in the reserved metadata key
 * {@value #DOCUMENT_ID_KEY}, as Mnemo's record ids are longs the store assigns; the documents are
 * the records that carry that key, and searches and deletes see only them, so the store can hold
 * memories written through {@link MemoryStore} (conversations, notes) beside them. Two vector
 * stores over one memory store share its documents. Metadata values become Mnemo's (strings, longs,
 * doubles, booleans; enums by name, dates as ISO-8601 strings); anything else is refused with an
 * {@link dev.mnemo.api.InvalidInputException} before anything of the batch is written.
 *
 * <ul>
 *   <li>{@link #add}: every document is checked, then the texts are embedded by the store's
 *       model in one batch and written in one transaction per 1,000 documents; a document whose id
 *       is stored replaces it in that same transaction.</li>
 *   <li>{@link #similaritySearch}: vector search by default ({@linkplain Builder#searchMode hybrid}
 *       on request; cosine similarity, no recency weighting) with
 *       the filter expression translated by {@link FilterExpressions} and applied inside the
 *       index, so {@code topK} documents come back whenever that many match. A document's score
 *       is its cosine similarity; {@code similarityThreshold} drops documents scoring below it, as
 *       in Spring AI's {@code SimpleVectorStore}.</li>
 *   <li>{@link #delete(List)} by document ids (one transaction per 1,000),
 *       {@link #delete(Filter.Expression)} by filter (one transaction).</li>
 * </ul>
 *
 * <p>Thread-safe: searches run in parallel; writes are serialised by the store, and as an add
 * replaces in its own transaction, concurrent adds of one id leave one document. The store stays
 * owned by its {@code MemoryService}; this class closes nothing. {@link #getNativeClient()} returns the {@link MemoryStore}.
 */
public final class MnemoVectorStore extends AbstractObservationVectorStore {
    /** The default record type of documents. */
    public static final RecordType DOCUMENT = RecordType.of("document");
    /** The reserved metadata key that holds a record's document id. */
    public static final String DOCUMENT_ID_KEY = DocumentMapping.DOCUMENT_ID_KEY;
    /** Document ids per statement; far below MetadataFilter's operand limit. */
    private static final int ID_CHUNK = 1_000;
    /** The records that are documents: those that carry a document id. */
    private static final MetadataFilter DOCUMENTS = MetadataFilter.exists(DocumentMapping.DOCUMENT_ID_KEY);

    private final MemoryStore store;
    private final int dimension;
    private final RecordType recordType;
    private final dev.mnemo.api.embedding.EmbeddingModel model;
    private final SearchMode searchMode;

    private MnemoVectorStore(Builder builder) {
        super(builder);
        this.store = builder.store;
        this.dimension = builder.mnemoModel.dimension();
        this.recordType = builder.recordType;
        this.model = builder.mnemoModel;
        this.searchMode = builder.searchMode;
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

    /** How searches rank. */
    public SearchMode searchMode() {
        return searchMode;
    }

    @Override
    public void doAdd(List<Document> documents) {
        if (documents == null || documents.isEmpty()) {
            return;
        }
        Map<String, MemoryDraft> drafts = new LinkedHashMap<>();
        for (Document document : documents) {
            MemoryDraft draft = DocumentMapping.draft(document, recordType);
            store.check(draft); // every document before the first is embedded
            if (drafts.put(document.getId(), draft) != null) {
                throw new InvalidInputException("document id " + document.getId() + " appears twice in one add");
            }
        }
        List<String> ids = new ArrayList<>(drafts.keySet());
        List<MemoryDraft> batch = new ArrayList<>(drafts.values());
        List<float[]> vectors = model.embed(batch.stream().map(MemoryDraft::text).toList());
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            int to = Math.min(ids.size(), from + ID_CHUNK);
            // deletes the stored versions of these ids and inserts the new ones in one transaction
            store.replaceWithVectors(MetadataFilter.in(DOCUMENT_ID_KEY, ids.subList(from, to)),
                    batch.subList(from, to), vectors.subList(from, to));
        }
    }

    @Override
    public void doDelete(List<String> idList) {
        Objects.requireNonNull(idList, "idList");
        List<String> ids = List.copyOf(new LinkedHashSet<>(idList));
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            store.delete(MetadataFilter.in(DOCUMENT_ID_KEY, ids.subList(from, Math.min(ids.size(), from + ID_CHUNK))));
        }
    }

    @Override
    protected void doDelete(Filter.Expression filterExpression) {
        store.delete(MetadataFilter.and(DOCUMENTS, FilterExpressions.toMetadataFilter(filterExpression)));
    }

    @Override
    public List<Document> doSimilaritySearch(SearchRequest request) {
        if (request.getTopK() == 0) {
            return List.of();
        }
        dev.mnemo.api.SearchRequest search = dev.mnemo.api.SearchRequest.builder()
                .k(request.getTopK())
                .minSimilarity(request.getSimilarityThreshold())
                .recencyWeight(0)
                .mode(searchMode)
                .metadata(request.hasFilterExpression()
                        ? MetadataFilter.and(DOCUMENTS, FilterExpressions.toMetadataFilter(request.getFilterExpression()))
                        : DOCUMENTS)
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

    /** Builds a {@link MnemoVectorStore}; observation registry and convention as in every Spring AI store. */
    public static final class Builder extends AbstractVectorStoreBuilder<Builder> {
        private final MemoryStore store;
        private final dev.mnemo.api.embedding.EmbeddingModel mnemoModel;
        private RecordType recordType = DOCUMENT;
        private SearchMode searchMode = SearchMode.VECTOR;

        private Builder(MemoryStore store, dev.mnemo.api.embedding.EmbeddingModel model) {
            super(new MnemoEmbeddingModel(Objects.requireNonNull(model, "model")));
            this.store = Objects.requireNonNull(store, "store");
            this.mnemoModel = model;
        }

        /** The record type documents are stored as; {@code document} by default. */
        public Builder recordType(RecordType value) {
            this.recordType = Objects.requireNonNull(value, "recordType");
            return this;
        }

        /**
         * How searches rank: {@link SearchMode#VECTOR} (the default) by cosine similarity, as
         * every Spring AI store does; {@link SearchMode#HYBRID} fuses that with the keyword leg
         * (BM25) by reciprocal rank, Mnemo's best retrieval, so documents come in fused order while
         * each score stays its cosine similarity; {@link SearchMode#KEYWORD} by words alone.
         */
        public Builder searchMode(SearchMode value) {
            this.searchMode = Objects.requireNonNull(value, "searchMode");
            return this;
        }

        @Override
        public MnemoVectorStore build() {
            return new MnemoVectorStore(this);
        }
    }
}
