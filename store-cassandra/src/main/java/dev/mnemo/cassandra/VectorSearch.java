package dev.mnemo.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlVector;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.TimeBounds;
import dev.mnemo.api.vector.Vectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One search: {@code ORDER BY vector ANN OF ? LIMIT n} inside the store's partition with the type
 * and time filters in the same CQL (SAI applies them), then the similarity threshold and the
 * recency ranking client-side over the candidates.
 *
 * <p>With recency in the ranking, {@code max(4k, 50)} candidates are fetched and re-ranked; without
 * it, {@code k}. Cassandra caps an ANN query's LIMIT at {@value #MAX_ANN_LIMIT}, so a larger need is
 * refused before anything is sent. Several record types are one query each (SAI in 5.0 has no
 * {@code IN} on an indexed column), run in parallel and merged: the union of each type's top
 * candidates holds the top candidates of all.
 */
final class VectorSearch {
    /** Cassandra's cap on the LIMIT of an ANN query. */
    static final int MAX_ANN_LIMIT = 1000;
    private static final int RERANK_FACTOR = 4;
    private static final int RERANK_MIN = 50;

    private VectorSearch() {
    }

    /** The candidates a request needs, or a clear refusal when Cassandra could not return that many. */
    static int candidates(SearchRequest request) {
        int fetch = request.recencyWeight() > 0 ? Math.max(request.k() * RERANK_FACTOR, RERANK_MIN) : request.k();
        if (fetch > MAX_ANN_LIMIT) {
            throw new InvalidInputException("k = " + request.k() + " needs " + fetch + " candidates"
                    + (request.recencyWeight() > 0 ? " (4k, for the recency re-ranking)" : "")
                    + ", more than Cassandra's ANN limit of " + MAX_ANN_LIMIT + "; ask for k <= "
                    + MAX_ANN_LIMIT / RERANK_FACTOR + " with a recency weight, or k <= " + MAX_ANN_LIMIT
                    + " with recencyWeight 0");
        }
        return fetch;
    }

    static List<MemoryHit> run(CqlSession session, String table, String store, float[] unitQuery,
                               SearchRequest request, Instant now) {
        int limit = candidates(request);
        List<RecordType> types = request.types().isEmpty() ? Collections.singletonList(null)
                : request.types().stream().sorted(Comparator.comparing(RecordType::name)).toList();
        List<CompletableFuture<List<Row>>> pending = new ArrayList<>();
        for (RecordType type : types) {
            pending.add(query(session, table, store, unitQuery, type, request, limit).toCompletableFuture());
        }
        List<MemoryHit> hits = new ArrayList<>();
        for (CompletableFuture<List<Row>> f : pending) {
            for (Row row : join(f)) {
                float[] vector = RecordTable.floats(row.getVector("vector", Float.class));
                double similarity = Math.max(-1, Math.min(1, Vectors.dot(unitQuery, vector)));
                if (similarity < request.minSimilarity()) {
                    continue;
                }
                MemoryRecord record = RecordTable.record(store, row);
                double recency = Ranking.recency(record.timestamp(), now, request.recencyHalfLife());
                hits.add(new MemoryHit(record, similarity, recency,
                        Ranking.score(similarity, recency, request.recencyWeight())));
            }
        }
        hits.sort(Comparator.comparingDouble(MemoryHit::score).reversed()
                .thenComparing(h -> h.record().id(), Comparator.reverseOrder()));
        return hits.size() > request.k() ? List.copyOf(hits.subList(0, request.k())) : hits;
    }

    private static CompletionStage<List<Row>> query(CqlSession session, String table, String store, float[] q,
                                                    RecordType type, SearchRequest request, int limit) {
        StringBuilder cql = new StringBuilder("SELECT ").append(RecordTable.COLUMNS).append(", vector FROM ")
                .append(table).append(" WHERE store = ?");
        List<Object> values = new ArrayList<>();
        values.add(store);
        if (type != null) {
            cql.append(" AND record_type = ?");
            values.add(type.name());
        }
        if (request.from() != null) {
            cql.append(" AND timestamp >= ?");
            values.add(RecordTable.micros(TimeBounds.clamp(request.from())));
        }
        if (request.until() != null) {
            cql.append(" AND timestamp < ?");
            values.add(RecordTable.micros(TimeBounds.clamp(request.until())));
        }
        cql.append(" ORDER BY vector ANN OF ? LIMIT ?");
        CqlVector<Float> vector = RecordTable.vector(q);
        values.add(vector);
        values.add(limit);
        // the driver caches prepared statements by their text: eight shapes at most
        return session.prepareAsync(cql.toString())
                .thenCompose(ps -> session.executeAsync(ps.bind(values.toArray())))
                .thenApply(VectorSearch::rows);
    }

    private static List<Row> rows(AsyncResultSet rs) {
        // an ANN query returns its LIMIT in one page
        List<Row> out = new ArrayList<>();
        rs.currentPage().forEach(out::add);
        return out;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw Cql.failed("searching", e.getCause());
        }
    }
}
