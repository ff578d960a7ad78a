package dev.mnemo.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.mnemo.api.HitExplanation;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.TimeBounds;
import dev.mnemo.api.vector.Vectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One search: {@code ORDER BY vector ANN OF ? LIMIT n} inside the store's partition with the type,
 * time and pushable metadata filters in the same CQL (SAI applies them), then the metadata filter's
 * remainder, the similarity threshold and the recency ranking client-side over the candidates.
 *
 * <p>With recency in the ranking, {@code max(4k, 50)} candidates are needed and re-ranked; without
 * it, {@code k}. Cassandra caps an ANN query's LIMIT at {@value #MAX_ANN_LIMIT}, so a larger need is
 * refused before anything is sent. Several record types are one query each (SAI in 5.0 has no
 * {@code IN} on an indexed column), run in parallel and merged: the union of each type's top
 * candidates holds the top candidates of all.
 *
 * <p>When CQL cannot decide the metadata filter ({@link MetadataPlan#exact()} false), the nearest
 * rows are fetched in rounds of a growing LIMIT ({@value #GROWTH}x, up to {@value #MAX_ANN_LIMIT})
 * until enough of them match or the partition has no more. If even {@value #MAX_ANN_LIMIT} nearest
 * rows hold too few matches, the search reads every row the pushed conditions allow (in pages, at
 * most {@value #MAX_SCAN_ROWS}) and ranks the matches exactly, so {@code k} hits come back whenever
 * {@code k} records match; beyond that many rows it fails with a message saying so.
 */
final class VectorSearch {
    /** Cassandra's cap on the LIMIT of an ANN query. */
    static final int MAX_ANN_LIMIT = 1000;
    /** Most rows the exact fallback reads before it gives up. */
    static final int MAX_SCAN_ROWS = 200_000;
    private static final int GROWTH = 4;
    private static final int RERANK_FACTOR = 4;
    private static final int RERANK_MIN = 50;
    private static final int SCAN_PAGE = 1000;
    /** The note of hits the exact scan found, for {@code search --explain}. */
    static final String SCANNED = "the metadata filter matched too few of the " + MAX_ANN_LIMIT
            + " nearest records (Cassandra's ANN limit), so every record it may match was checked exactly";

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

    /**
     * Runs a search; {@code plan} is the metadata filter's plan, or null without one.
     */
    static List<MemoryHit> run(CqlSession session, String table, String store, float[] unitQuery,
                               SearchRequest request, MetadataPlan plan, Instant now) {
        int need = candidates(request);
        List<RecordType> types = request.types().isEmpty() ? Collections.singletonList(null)
                : request.types().stream().sorted(Comparator.comparing(RecordType::name)).toList();
        List<CompletableFuture<List<Row>>> first = new ArrayList<>();
        for (RecordType type : types) {
            first.add(ann(session, table, store, unitQuery, type, request, plan, need));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            candidates.addAll(matching(session, table, store, unitQuery, types.get(i), request, plan, need,
                    join(first.get(i))));
        }
        // the vector leg's rank: by similarity over the merged candidates
        candidates.sort(Comparator.comparingDouble(Candidate::similarity).reversed()
                .thenComparing(c -> c.record.id(), Comparator.reverseOrder()));
        List<MemoryHit> hits = new ArrayList<>();
        for (int rank = 1; rank <= candidates.size(); rank++) {
            Candidate c = candidates.get(rank - 1);
            if (c.similarity < request.minSimilarity()) {
                continue;
            }
            double recency = Ranking.recency(c.record.timestamp(), now, request.recencyHalfLife());
            hits.add(new MemoryHit(c.record, c.similarity, recency,
                    Ranking.score(c.similarity, recency, request.recencyWeight()),
                    new HitExplanation(SearchMode.VECTOR, rank, 0, 0, 0, c.similarity, c.note)));
        }
        hits.sort(Comparator.comparingDouble(MemoryHit::score).reversed()
                .thenComparing(h -> h.record().id(), Comparator.reverseOrder()));
        return hits.size() > request.k() ? List.copyOf(hits.subList(0, request.k())) : hits;
    }

    /** One type's candidates that match the filter, starting from the rows of a first ANN query. */
    private static List<Candidate> matching(CqlSession session, String table, String store, float[] q,
                                            RecordType type, SearchRequest request, MetadataPlan plan, int need,
                                            List<Row> firstRows) {
        int limit = need;
        List<Row> rows = firstRows;
        while (true) {
            List<Candidate> matches = new ArrayList<>();
            for (Row row : rows) {
                Candidate c = candidate(store, q, row);
                if (plan == null || plan.exact() || MetadataMatch.matches(request.metadata(), c.record.metadata())) {
                    matches.add(c);
                }
            }
            if (matches.size() >= need || rows.size() < limit) {
                return matches; // enough, or every row the query allows
            }
            if (limit == MAX_ANN_LIMIT) {
                return scan(session, table, store, q, type, request, plan, need);
            }
            limit = Math.min(MAX_ANN_LIMIT, limit * GROWTH);
            rows = join(ann(session, table, store, q, type, request, plan, limit));
        }
    }

    /** The {@code need} most similar matches among every row the pushed conditions allow, exactly. */
    private static List<Candidate> scan(CqlSession session, String table, String store, float[] q, RecordType type,
                                        SearchRequest request, MetadataPlan plan, int need) {
        List<Object> values = new ArrayList<>();
        String cql = "SELECT " + RecordTable.COLUMNS + ", vector FROM " + table
                + where(store, type, request, plan, values);
        PriorityQueue<Candidate> top = new PriorityQueue<>(Comparator.comparingDouble(Candidate::similarity));
        // the pages after the first are fetched while iterating: the whole loop is one storage call
        Cql.call("searching (checking every record the metadata filter may match)", () -> {
            ResultSet rs = session.execute(SimpleStatement.newInstance(cql, values.toArray()).setPageSize(SCAN_PAGE));
            long read = 0;
            for (Row row : rs) {
                if (++read > MAX_SCAN_ROWS) {
                    throw new InvalidInputException("the metadata filter matched too few of the " + MAX_ANN_LIMIT
                            + " nearest records (Cassandra's ANN limit), and checking every record of '" + store
                            + "' would read more than " + MAX_SCAN_ROWS + " rows; add an eq, in or exists"
                            + " condition on a selective key (those run inside Cassandra)");
                }
                Candidate c = candidate(store, q, row).noted(SCANNED);
                if (MetadataMatch.matches(request.metadata(), c.record.metadata())) {
                    top.add(c);
                    if (top.size() > need) {
                        top.poll();
                    }
                }
            }
            return null;
        });
        return new ArrayList<>(top);
    }

    private static CompletableFuture<List<Row>> ann(CqlSession session, String table, String store, float[] q,
                                                    RecordType type, SearchRequest request, MetadataPlan plan,
                                                    int limit) {
        List<Object> values = new ArrayList<>();
        String cql = "SELECT " + RecordTable.COLUMNS + ", vector FROM " + table
                + where(store, type, request, plan, values) + " ORDER BY vector ANN OF ? LIMIT ?";
        values.add(RecordTable.vector(q));
        values.add(limit);
        // the driver caches prepared statements by their text: one per shape of filter
        return session.prepareAsync(cql)
                .thenCompose(ps -> session.executeAsync(ps.bind(values.toArray())))
                .thenApply(VectorSearch::rows)
                .toCompletableFuture();
    }

    private static String where(String store, RecordType type, SearchRequest request, MetadataPlan plan,
                                List<Object> values) {
        StringBuilder cql = new StringBuilder(" WHERE store = ?");
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
        if (plan != null) {
            for (String term : plan.terms()) {
                cql.append(" AND metadata_terms CONTAINS ?");
                values.add(term);
            }
        }
        return cql.toString();
    }

    private static Candidate candidate(String store, float[] q, Row row) {
        float[] vector = RecordTable.floats(row.getVector("vector", Float.class));
        double similarity = Math.max(-1, Math.min(1, Vectors.dot(q, vector)));
        return new Candidate(RecordTable.record(store, row), similarity, null);
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

    /** A row with its similarity to the query, and why it was found other than by ANN (or null). */
    private record Candidate(MemoryRecord record, double similarity, String note) {
        Candidate noted(String why) {
            return new Candidate(record, similarity, why);
        }
    }
}
